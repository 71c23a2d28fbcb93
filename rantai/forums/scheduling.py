"""The schedule, off the request path: queue a run, compute it in a worker, publish it.

``schedule_enqueue`` stores a ``ScheduleRun`` and queues a "forum.schedule" job;
``run_schedule_job`` (run by ``manage.py run_worker``) builds the engine's ``Instance``
from the accepted requests, solves it (or re-schedules from the published run), compares
with the other policy and the greedy baselines, checks the result with the engine's
independent validator and stores the meetings. ``schedule_publish`` makes a finished run
the event's schedule and tells every participant.
"""

import time
from concurrent.futures import ThreadPoolExecutor

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from rantai.accounts.models import Membership
from rantai.core import clock
from rantai.core.audit import audit_append
from rantai.core.transitions import move
from rantai.engine.scheduling import Buyer, Instance, MeetingRequest, Schedule, Sme, greedy, reschedule, solve
from rantai.engine.scheduling import Meeting as EngineMeeting
from rantai.engine.scheduling import validate as validate_schedule
from rantai.jobs.services import job_enqueue
from rantai.jobs.worker import JobFailed
from rantai.notifications.services import notify

from .choices import (
    EVENT_TRANSITIONS,
    RUN_TRANSITIONS,
    Attendance,
    EventStatus,
    RequestStatus,
    RunMode,
    RunStatus,
)
from .models import Event, FollowUp, Meeting, Outcome, ScheduleRun
from .models import MeetingRequest as RequestRow
from .permissions import may_organise

JOB_KIND = "forum.schedule"
MAX_TIME_LIMIT_S = 300.0
STEPS = 5


def build_instance(event: Event) -> tuple[Instance, dict[tuple[int, int], int]]:
    """The engine's view of ``event``: buyer seats, SMEs still coming, accepted requests in
    arrival order. Ids are the seat and registration primary keys as text. Also returns
    (registration id, seat id) → request id."""
    seats = list(event.seats.all())
    registrations = list(event.registrations.filter(cancelled=False))
    requests = list(
        RequestRow.objects.filter(
            event=event, status=RequestStatus.ACCEPTED, registration__cancelled=False
        ).order_by("created_at", "id")
    )

    def slots(value):
        return None if value is None else frozenset(value)

    instance = Instance(
        slots=event.slots.count(),
        buyers=tuple(
            Buyer(id=str(s.pk), tables=s.tables, available_slots=slots(s.available_slots)) for s in seats
        ),
        smes=tuple(Sme(id=str(r.pk), available_slots=slots(r.available_slots)) for r in registrations),
        requests=tuple(
            MeetingRequest(sme_id=str(r.registration_id), buyer_id=str(r.seat_id), weight=r.priority)
            for r in requests
        ),
    )
    return instance, {(r.registration_id, r.seat_id): r.pk for r in requests}


def schedule_of_run(run: ScheduleRun) -> Schedule:
    """A stored run as the engine's ``Schedule`` (for re-scheduling and validation)."""
    meetings = [
        EngineMeeting(sme_id=str(m.registration_id), buyer_id=str(m.seat_id), slot=m.slot, table=m.table)
        for m in run.meetings.exclude(attendance=Attendance.CANCELLED)
    ]
    return Schedule(meetings=meetings, objective=float(run.result.get("objective", 0)), bound=None)


def _figures(schedule: Schedule, smes_total: int) -> dict:
    return {
        "objective": schedule.objective,
        "bound": schedule.bound,
        "gap": schedule.gap,
        "status": schedule.status,
        "smes_met": schedule.smes_met,
        "smes_without": smes_total - schedule.smes_met,
        "meetings": len(schedule.meetings),
        "smes_met_bound": schedule.smes_met_bound,
        "moved": schedule.moved,
        "wall_time_s": round(schedule.wall_time_s, 3),
    }


# --- queueing -------------------------------------------------------------------------


@transaction.atomic
def schedule_enqueue(
    *,
    event: Event,
    by: Membership,
    mode: str = RunMode.SOLVE,
    everyone_meets: bool = False,
    time_limit_s: float = 10.0,
) -> ScheduleRun:
    """Queue a schedule computation (the event's organiser). A re-schedule (``min_moves``
    or ``freeze``) starts from the published schedule. One run at a time per event."""
    if not may_organise(by) or event.organiser_id != by.organisation_id:
        raise PermissionDenied
    if event.status not in (EventStatus.OPEN, EventStatus.PUBLISHED):
        raise ValidationError({"__all__": _("Buka pendaftaran forum sebelum menyusun jadwal.")})
    if mode not in RunMode.values:
        raise ValidationError({"mode": _("Pilihan penjadwalan tidak dikenal.")})
    if time_limit_s is None or not 1 <= time_limit_s <= MAX_TIME_LIMIT_S:
        raise ValidationError(
            {"time_limit_s": _("Batas waktu antara 1 dan %(max)d detik.") % {"max": int(MAX_TIME_LIMIT_S)}}
        )
    Event.objects.select_for_update().filter(pk=event.pk).first()  # two clicks queue one run
    published = event.runs.filter(status=RunStatus.PUBLISHED).first()
    if mode != RunMode.SOLVE and published is None:
        raise ValidationError({"mode": _("Penjadwalan ulang butuh jadwal yang sudah terbit.")})
    if event.runs.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING]).exists():
        raise ValidationError({"__all__": _("Jadwal forum ini sedang dihitung; tunggu sampai selesai.")})
    run = ScheduleRun.objects.create(
        event=event,
        mode=mode,
        everyone_meets=everyone_meets,
        time_limit_s=time_limit_s,
        started_by=by.user,
        based_on=published if mode != RunMode.SOLVE else None,
    )
    run.job = job_enqueue(
        kind=JOB_KIND,
        payload={"run": run.pk, "language": get_language()},
        created_by=by.user,
        organisation=by.organisation,
        progress_total=STEPS,
    )
    run.save(update_fields=["job"])
    audit_append(
        action="forum.schedule.queue",
        obj=run,
        actor=by.user,
        organisation_id=by.organisation_id,
        payload={
            "event": event.pk,
            "mode": mode,
            "everyone_meets": everyone_meets,
            "time_limit_s": time_limit_s,
        },
    )
    return run


# --- the job --------------------------------------------------------------------------


def _wait(ctx, call, *args, **kwargs):
    """Run a long engine call in a thread while this one keeps the job's heartbeat."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(call, *args, **kwargs)
        while True:
            try:
                return future.result(timeout=1.0)
            except TimeoutError:
                ctx.beat()


def run_schedule_job(ctx) -> dict:
    """The "forum.schedule" job handler (see the module docstring)."""
    run = ScheduleRun.objects.select_related("event", "based_on").get(pk=ctx.payload["run"])
    if run.status == RunStatus.DONE:
        return run.result  # a resumed job that had already stored its result
    try:
        return _compute(ctx, run)
    except Exception as error:
        message = (
            str(error)
            if isinstance(error, JobFailed)
            else _("Penjadwalan gagal; rinciannya ada di log server.")
        )
        ScheduleRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, error=message)
        raise


def _compute(ctx, run: ScheduleRun) -> dict:
    started = time.perf_counter()
    ScheduleRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    instance, request_of = build_instance(run.event)
    total = len(instance.smes)
    with transaction.atomic():
        ctx.save(done=1, total=STEPS)
    baselines = {
        "greedy_fcfs": _figures(greedy(instance, "fcfs"), total),
        "greedy_priority": _figures(greedy(instance, "priority"), total),
    }
    with transaction.atomic():
        ctx.save(done=2)
    limit = run.time_limit_s
    if run.mode == RunMode.SOLVE:
        chosen = _wait(ctx, solve, instance, time_limit_s=limit, everyone_meets=run.everyone_meets)
    else:
        chosen = _wait(
            ctx, reschedule, instance, schedule_of_run(run.based_on), mode=run.mode, time_limit_s=limit
        )
    with transaction.atomic():
        ctx.save(done=3)
    problems = validate_schedule(instance, chosen)
    if problems:
        raise JobFailed(_("Jadwal tidak lolos pemeriksaan: %(problem)s") % {"problem": problems[0]})
    mine = _figures(chosen, total)
    policies = {}
    if run.mode == RunMode.SOLVE:
        # The other policy too, on a shorter budget, so the organiser can compare.
        other = _wait(
            ctx, solve, instance, time_limit_s=max(1.0, limit / 2), everyone_meets=not run.everyone_meets
        )
        policies = {
            "everyone" if run.everyone_meets else "weight": mine,
            "weight" if run.everyone_meets else "everyone": _figures(other, total),
        }
    with transaction.atomic():
        ctx.save(done=4)
    result = {
        **mine,
        "smes_total": total,
        "requests": len(instance.requests),
        "pairs_unscheduled": len(request_of) - len(chosen.meetings),
        "policies": policies,
        "baselines": baselines,
        "elapsed_s": round(time.perf_counter() - started, 3),
    }
    with transaction.atomic():
        locked = ScheduleRun.objects.select_for_update().get(pk=run.pk)
        Meeting.objects.filter(run=locked).delete()  # a resumed job writes its meetings once
        Meeting.objects.bulk_create(
            [
                Meeting(
                    run=locked,
                    request_id=request_of[(int(m.sme_id), int(m.buyer_id))],
                    registration_id=int(m.sme_id),
                    seat_id=int(m.buyer_id),
                    slot=m.slot,
                    table=m.table,
                )
                for m in chosen.meetings
            ]
        )
        ScheduleRun.objects.filter(pk=run.pk).update(status=RunStatus.DONE, result=result)
        audit_append(
            action="forum.schedule.done",
            obj=locked,
            organisation_id=run.event.organiser_id,
            payload={
                "event": run.event_id,
                "meetings": len(chosen.meetings),
                "objective": chosen.objective,
                "bound": chosen.bound,
                "moved": chosen.moved,
            },
        )
        ctx.finish(result)
    return result


# --- publishing -----------------------------------------------------------------------


def _carry_over(old: ScheduleRun, new: ScheduleRun) -> None:
    """Keep what the day already recorded: attendance, outcomes and follow-ups move to the
    new run's meeting of the same pair; walk-ins of the old run are kept as they were when
    the new run has no meeting for their pair in that slot."""
    new_by_request = {m.request_id: m for m in new.meetings.all()}
    for meeting in old.meetings.exclude(attendance=Attendance.SCHEDULED):
        target = new_by_request.get(meeting.request_id)
        if target is None:
            continue
        Meeting.objects.filter(pk=target.pk).update(attendance=meeting.attendance, walk_in=meeting.walk_in)
        Outcome.objects.filter(meeting=meeting).update(meeting=target)
        FollowUp.objects.filter(meeting=meeting).update(meeting=target)


@transaction.atomic
def schedule_publish(*, run: ScheduleRun, by: Membership) -> None:
    """Make a finished run the event's schedule (replacing the one published before) and
    notify every buyer and SME taking part."""
    event = run.event
    if not may_organise(by) or event.organiser_id != by.organisation_id:
        raise PermissionDenied
    if run.status == RunStatus.DONE and not run.meetings.exists():
        raise ValidationError({"__all__": _(
            "Jadwal ini tidak berisi satu pertemuan pun: pembeli perlu menerima permintaan "
            "pertemuan dulu, lalu susun jadwal lagi.")})
    previous = event.runs.filter(status=RunStatus.PUBLISHED).exclude(pk=run.pk).first()
    move(run, RUN_TRANSITIONS, RunStatus.PUBLISHED, published_at=clock.now())
    if previous is not None:
        move(previous, RUN_TRANSITIONS, RunStatus.SUPERSEDED)
        _carry_over(previous, run)
    move(event, EVENT_TRANSITIONS, EventStatus.PUBLISHED)
    audit_append(
        action="forum.schedule.publish",
        obj=run,
        actor=by.user,
        organisation_id=by.organisation_id,
        payload={
            "event": event.pk,
            "replaces": previous.pk if previous else None,
            "moved": run.result.get("moved", 0),
        },
    )
    url = reverse("forums:agenda", args=[event.pk])

    def subject() -> str:
        return _("Jadwal %(event)s sudah terbit") % {"event": event.title}

    def body() -> str:
        return _("Lihat agenda pertemuan Anda, nomor meja dan jamnya.")

    orgs = set(event.seats.values_list("organisation_id", flat=True))
    orgs |= set(
        event.registrations.filter(cancelled=False).values_list("supplier__organisation_id", flat=True)
    )
    for org_id in sorted(orgs):
        notify(organisation_id=org_id, subject=subject, body=body, url=url)
