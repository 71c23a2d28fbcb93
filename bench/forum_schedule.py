"""Forum meeting scheduler: the exact solver against first-come-first-served and priority greedy.

    .venv/bin/python bench/forum_schedule.py --seeds 10 [--scale 1|10]

Generates forums shaped like the real ones (``rantai.engine.scheduling.generate``; scale 1:
750 SMEs, 17 buyers with 2-10 tables, 16 slots; scale 10, the national forum: 7,500 SMEs,
170 buyers, 32 slots over two days) and prints ONE JSON line per instance: the solver's
objective, proven bound, gap and time, with and without ``everyone_meets``; the two greedy
baselines; validator violations over every schedule (must be 0); and a rescheduling run
after 5% of the SMEs cancel, in both modes. Each instance runs in its own child process so
``peak_rss_mb`` is that instance's own peak memory.
"""
import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rantai.engine.scheduling import Instance, Schedule, greedy, reschedule, solve, validate  # noqa: E402
from rantai.engine.scheduling.candidates import candidates  # noqa: E402
from rantai.engine.scheduling.generate import cancel, forum_instance  # noqa: E402

CANCELLED = 0.05


def figures(instance: Instance, schedule: Schedule, seconds: float) -> dict[str, object]:
    return {
        "objective": schedule.objective,
        "bound": schedule.bound,
        "gap": None if schedule.gap is None else round(schedule.gap, 6),
        "status": schedule.status,
        "time_s": round(seconds, 3),
        "meetings": len(schedule.meetings),
        "smes_without_meeting": len(instance.smes) - schedule.smes_met,
    }


def timed(run, *args, **kwargs):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = run(*args, **kwargs)
    return result, time.perf_counter() - started


def one(seed: int, scale: int) -> dict[str, object]:
    """Every figure for one generated forum."""
    limit = 10.0 if scale == 1 else 60.0
    instance = forum_instance(seed, scale=scale)
    cands = candidates(instance)
    line: dict[str, object] = {
        "scale": scale, "seed": seed, "smes": len(instance.smes), "buyers": len(instance.buyers),
        "tables": sum(b.tables for b in instance.buyers), "slots": instance.slots,
        "requests": len(instance.requests), "pairs": len(cands.pairs),
        "columns": sum(len(p.slots) for p in cands.pairs), "time_limit_s": limit,
    }
    checked: list[tuple[Instance, Schedule]] = []

    best, seconds = timed(solve, instance, time_limit_s=limit)
    line["solve"] = figures(instance, best, seconds)
    checked.append((instance, best))

    everyone, seconds = timed(solve, instance, time_limit_s=limit, everyone_meets=True)
    line["everyone_meets"] = {
        **figures(instance, everyone, seconds), "smes_met_bound": everyone.smes_met_bound,
    }
    checked.append((instance, everyone))

    for order in ("fcfs", "priority"):
        baseline, seconds = timed(greedy, instance, order)
        share = None if best.bound is None else round(baseline.objective / best.bound, 4)
        line[f"greedy_{order}"] = {**figures(instance, baseline, seconds), "share_of_bound": share}
        checked.append((instance, baseline))

    late = cancel(instance, CANCELLED, seed=seed)
    moved, seconds = timed(reschedule, late, best, time_limit_s=limit)
    frozen, frozen_seconds = timed(reschedule, late, best, mode="freeze", time_limit_s=limit)
    line["reschedule"] = {
        "cancelled_smes": len(instance.smes) - len(late.smes),
        "min_moves": {**figures(late, moved, seconds), "moved": moved.moved},
        "freeze": {**figures(late, frozen, frozen_seconds), "moved": frozen.moved},
    }
    checked += [(late, moved), (late, frozen)]

    line["violations"] = sum(len(validate(i, s)) for i, s in checked)
    line["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--scale", type=int, choices=(1, 10), default=1)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child: this seed only
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(one(args.one, args.scale)), flush=True)
        return
    for seed in range(1, args.seeds + 1):
        child = [sys.executable, __file__, "--scale", str(args.scale), "--one", str(seed)]
        print(subprocess.run(child, check=True, capture_output=True, text=True).stdout.strip(), flush=True)


if __name__ == "__main__":
    main()
