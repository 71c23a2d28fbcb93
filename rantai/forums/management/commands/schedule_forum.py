"""``python manage.py schedule_forum EVENT_ID [--everyone-meets] [--time-limit S] [--freeze]
[--reschedule] [--publish]``: compute a forum's schedule from the terminal.

The run is queued like the organiser's button does and run here at once (no worker
needed); the figures are printed. Without ``--publish`` the result waits for the organiser
to publish it. ``--freeze``/``--reschedule`` start from the published schedule
(freeze keeps every published meeting; reschedule moves as few as possible).
"""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from rantai.accounts.models import Membership
from rantai.forums.choices import RunMode, RunStatus
from rantai.forums.models import Event
from rantai.forums.scheduling import schedule_enqueue, schedule_publish
from rantai.jobs.progress import ProgressBar
from rantai.jobs.worker import claim, run_job


class Command(BaseCommand):
    help = "Compute (and optionally publish) a forum's meeting schedule."

    def add_arguments(self, parser):
        parser.add_argument("event_id", type=int)
        parser.add_argument(
            "--everyone-meets", action="store_true", help="first maximise the SMEs with at least one meeting"
        )
        parser.add_argument(
            "--time-limit", type=float, default=10.0, help="seconds for the solver (default 10)"
        )
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--freeze", action="store_true", help="re-schedule, never moving a published meeting"
        )
        group.add_argument(
            "--reschedule",
            action="store_true",
            help="re-schedule, moving as few published meetings as possible",
        )
        parser.add_argument(
            "--publish", action="store_true", help="publish the result and notify participants"
        )
        parser.add_argument("--json", action="store_true", help="print the result as one JSON line")

    def handle(
        self,
        *args,
        event_id: int,
        everyone_meets: bool,
        time_limit: float,
        freeze: bool,
        reschedule: bool,
        publish: bool,
        json: bool,
        **options,
    ):
        event = Event.objects.filter(pk=event_id).first()
        if event is None:
            raise CommandError(f"forum {event_id} does not exist")
        # Act as the organiser organisation's first member (an operator runs this for them).
        organiser = (
            Membership.objects.select_related("organisation", "user")
            .filter(organisation_id=event.organiser_id)
            .order_by("id")
            .first()
        )
        if organiser is None:
            raise CommandError("the organising organisation has no member")
        mode = RunMode.FREEZE if freeze else RunMode.MIN_MOVES if reschedule else RunMode.SOLVE
        try:
            run = schedule_enqueue(
                event=event, by=organiser, mode=mode, everyone_meets=everyone_meets, time_limit_s=time_limit
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        claimed = claim(job_id=run.job_id)
        if claimed is None:
            raise CommandError(f"job {run.job_id} was taken by a running worker; watch it in the browser")
        bar = ProgressBar(f"forum {event.pk}", stream=self.stderr, unit="langkah")
        run_job(*claimed, on_progress=bar.update)
        bar.close()
        run.refresh_from_db()
        if run.status != RunStatus.DONE:
            raise CommandError(f"scheduling failed: {run.error or run.job.error}")
        if publish:
            schedule_publish(run=run, by=organiser)
        self._report(run, as_json=json)

    def _report(self, run, *, as_json: bool) -> None:
        r = run.result
        if as_json:
            self.stdout.write(json_dumps({"run": run.pk, **r}))
            return
        gap = "optimal" if r["status"] == "optimal" else f"gap {100 * (r['gap'] or 0):.2f}%"
        self.stdout.write(
            f"run {run.pk}: {r['meetings']} meetings, weight {r['objective']:.0f} "
            f"(bound {r['bound']}, {gap}), {r['smes_met']}/{r['smes_total']} SMEs meet someone, "
            f"{r['moved']} published meetings moved, {r['elapsed_s']:.1f} s"
        )
        rows = {**{f"policy {k}": v for k, v in r["policies"].items()}, **r["baselines"]}
        for name, figures in rows.items():
            self.stdout.write(
                f"  {name:<20} SMEs without a meeting: {figures['smes_without']:>5}  "
                f"weight {figures['objective']:.0f}"
            )
        self.stdout.write(
            "published"
            if run.status == RunStatus.PUBLISHED
            else "not published yet: publish it on the run's page or with --publish"
        )


def json_dumps(value) -> str:
    return json.dumps(value, sort_keys=True)
