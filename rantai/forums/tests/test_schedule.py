"""The schedule job end to end, checked by the engine's independent validator; publishing,
re-scheduling after late changes, walk-ins."""

import pytest
from django.core.exceptions import ValidationError

from rantai.engine.scheduling import validate
from rantai.forums import services
from rantai.forums.choices import Attendance, RunMode, RunStatus
from rantai.forums.models import Meeting
from rantai.forums.scheduling import build_instance, schedule_enqueue, schedule_of_run, schedule_publish
from rantai.forums.selectors import agenda, smes_without_meeting
from rantai.jobs.models import Job
from rantai.notifications.models import Notification

from .helpers import make_event, make_organiser, register, run_jobs, seat_of

pytestmark = pytest.mark.django_db

BUYERS = (("PT INKA (Persero)", 1), ("PT Pindad (Persero)", 2))


def requested_event(*, slots=3, smes=4):
    """An open event; every SME asks INKA (must meet) and Pindad (maybe); all accepted."""
    organiser = make_organiser()
    event, buyers = make_event(organiser, slots=slots, buyers=BUYERS)
    registered = []
    for n in range(smes):
        sme, registration = register(event, f"CV Logam {n}")
        for name, priority in (("PT INKA (Persero)", 3), ("PT Pindad (Persero)", 1)):
            services.request_create(
                event=event,
                by=organiser,
                registration=registration,
                seat=seat_of(event, buyers[name]),
                priority=priority,
            )
        registered.append((sme, registration))
    return event, organiser, buyers, registered


def published_event(**kwargs):
    event, organiser, buyers, smes = requested_event(**kwargs)
    run = schedule_enqueue(event=event, by=organiser, time_limit_s=5)
    run_jobs()
    run.refresh_from_db()
    schedule_publish(run=run, by=organiser)
    return event, organiser, buyers, smes


def test_the_job_computes_a_valid_optimal_schedule_and_compares_policies():
    event, organiser, _buyers, _smes = requested_event(slots=3, smes=4)
    run = schedule_enqueue(event=event, by=organiser, time_limit_s=5)
    assert run.status == RunStatus.QUEUED and run.job.kind == "forum.schedule"
    assert run_jobs() == 1
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    assert run.job.status == "done" and run.job.progress_done == run.job.progress_total
    instance, _ = build_instance(event)
    stored = schedule_of_run(run)
    stored.objective = run.result["objective"]
    assert validate(instance, stored) == []
    # INKA (1 table, 3 slots) meets 3 of 4 SMEs; Pindad (2 tables) meets all 4: 3*3 + 4*1.
    assert run.result["objective"] == 13 and run.result["bound"] == 13 and run.result["status"] == "optimal"
    assert run.result["smes_without"] == 0 and run.meetings.count() == 7
    assert set(run.result["policies"]) == {"weight", "everyone"}
    assert {"greedy_fcfs", "greedy_priority"} <= set(run.result["baselines"])


def test_everyone_meets_reports_smes_left_without_a_meeting():
    organiser = make_organiser()
    event, buyers = make_event(organiser, slots=1, buyers=(("PT INKA (Persero)", 1),))
    for n in range(3):
        _sme, registration = register(event, f"CV Kecil {n}")
        services.request_create(
            event=event,
            by=organiser,
            registration=registration,
            seat=seat_of(event, buyers["PT INKA (Persero)"]),
            priority=3 if n == 0 else 1,
        )
    run = schedule_enqueue(event=event, by=organiser, everyone_meets=True, time_limit_s=5)
    run_jobs()
    run.refresh_from_db()
    assert run.result["smes_without"] == 2 and run.result["smes_met_bound"] == 1
    assert run.result["policies"]["everyone"]["smes_without"] == 2
    assert run.result["policies"]["weight"]["objective"] == 3


def test_publishing_notifies_everyone_and_fills_agendas():
    event, organiser, buyers, smes = published_event()
    event.refresh_from_db()
    assert event.status == "published"
    sme, registration = smes[0]
    assert Notification.objects.filter(
        organisation_id=sme.organisation_id, subject__contains="Jadwal"
    ).exists()
    items = agenda(event, registration=registration)
    assert items and all(i.meeting.registration_id == registration.pk for i in items)
    assert [i.slot.number for i in items] == sorted(i.slot.number for i in items)
    pindad = seat_of(event, buyers["PT Pindad (Persero)"])
    assert {i.table_number for i in agenda(event, seat=pindad)} <= {2, 3}  # INKA has table 1
    assert not smes_without_meeting(event).exists()


def test_only_the_organiser_schedules_and_one_run_at_a_time():
    event, organiser, buyers, smes = requested_event()
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied
        schedule_enqueue(event=event, by=buyers["PT INKA (Persero)"])
    schedule_enqueue(event=event, by=organiser)
    with pytest.raises(ValidationError):
        schedule_enqueue(event=event, by=organiser)
    with pytest.raises(ValidationError):
        schedule_enqueue(event=event, by=organiser, mode=RunMode.FREEZE)  # nothing published yet


@pytest.mark.parametrize("mode", [RunMode.MIN_MOVES, RunMode.FREEZE])
def test_reschedule_after_a_late_cancellation_says_how_many_moved(mode):
    event, organiser, buyers, smes = published_event(slots=3, smes=4)
    first = event.runs.get(status=RunStatus.PUBLISHED)
    before = {(m.registration_id, m.seat_id): (m.slot, m.table) for m in first.meetings.all()}
    inka = seat_of(event, buyers["PT INKA (Persero)"])
    gone = next((sme, r) for sme, r in smes if (r.pk, inka.pk) in before)  # frees an INKA place
    services.registration_cancel(registration=gone[1], by=gone[0])
    late, late_registration = register(event, "CV Terlambat")
    services.request_create(
        event=event,
        by=organiser,
        registration=late_registration,
        seat=seat_of(event, buyers["PT INKA (Persero)"]),
        priority=3,
    )
    run = schedule_enqueue(event=event, by=organiser, mode=mode, time_limit_s=5)
    run_jobs()
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    assert run.based_on_id == first.pk
    after = {(m.registration_id, m.seat_id): (m.slot, m.table) for m in run.meetings.all()}
    kept = [pair for pair in before if pair[0] != gone[1].pk]
    moved = sum(1 for pair in kept if after.get(pair) != before[pair])
    assert run.result["moved"] == moved
    if mode == RunMode.FREEZE:
        assert moved == 0
    # INKA's freed place is filled again (by the late SME or the one left out before).
    assert sum(1 for pair in after if pair[1] == inka.pk) == 3
    assert not any(pair[0] == gone[1].pk for pair in after)
    instance, _ = build_instance(event)
    stored = schedule_of_run(run)
    stored.objective = run.result["objective"]
    assert validate(instance, stored) == []
    schedule_publish(run=run, by=organiser)
    first.refresh_from_db()
    assert first.status == RunStatus.SUPERSEDED


def test_republishing_carries_the_days_records_over():
    event, organiser, buyers, smes = published_event()
    first = event.runs.get(status=RunStatus.PUBLISHED)
    meeting = first.meetings.filter(seat__organisation_id=buyers["PT INKA (Persero)"].organisation_id).first()
    services.outcome_record(
        meeting=meeting,
        by=buyers["PT INKA (Persero)"],
        interest="high",
        next_step="sample",
        potential_value=5_000_000,
    )
    run = schedule_enqueue(event=event, by=organiser, mode=RunMode.FREEZE, time_limit_s=5)
    run_jobs()
    run.refresh_from_db()
    schedule_publish(run=run, by=organiser)
    same = run.meetings.get(request_id=meeting.request_id)
    assert same.outcome.potential_value == 5_000_000 and same.attendance == Attendance.HELD


def test_walk_in_takes_a_free_table_in_a_free_slot():
    event, organiser, buyers, smes = published_event(slots=3, smes=2)
    walker, registration = register(event, "CV Datang Langsung")
    pindad = seat_of(event, buyers["PT Pindad (Persero)"])
    run = event.runs.get(status=RunStatus.PUBLISHED)
    busy = set(run.meetings.filter(seat=pindad).values_list("slot", flat=True))
    free_slot = next(s for s in range(3) if run.meetings.filter(seat=pindad, slot=s).count() < 2)
    meeting = services.walk_in_create(
        event=event, by=organiser, registration=registration, seat=pindad, slot=free_slot
    )
    assert meeting.walk_in and meeting.table in (0, 1) and meeting.attendance == Attendance.HELD
    with pytest.raises(ValidationError):  # the same pair again
        services.walk_in_create(
            event=event, by=organiser, registration=registration, seat=pindad, slot=(free_slot + 1) % 3
        )
    assert busy is not None
    instance, _ = build_instance(event)
    stored = schedule_of_run(run)
    stored.objective = sum(
        r.weight
        for r in instance.requests
        if (r.sme_id, r.buyer_id) in {(m.sme_id, m.buyer_id) for m in stored.meetings}
    )
    assert validate(instance, stored) == []
    assert Meeting.objects.filter(walk_in=True).count() == 1


def test_a_failing_engine_marks_the_run_failed(monkeypatch):
    event, organiser, _buyers, _smes = requested_event()
    import rantai.forums.scheduling as scheduling

    def broken(*args, **kwargs):
        raise RuntimeError("solver exploded")

    monkeypatch.setattr(scheduling, "solve", broken)
    run = schedule_enqueue(event=event, by=organiser, time_limit_s=2)
    run_jobs()
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and Job.objects.get(pk=run.job_id).status == "failed"


def test_an_empty_schedule_cannot_be_published():
    organiser = make_organiser()
    event, _buyers = make_event(organiser, slots=3, buyers=BUYERS)
    register(event, "CV Tanpa Permintaan")
    run = schedule_enqueue(event=event, by=organiser, time_limit_s=5)
    run_jobs()
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and not run.meetings.exists()
    with pytest.raises(ValidationError) as error:
        schedule_publish(run=run, by=organiser)
    assert "menerima permintaan" in str(error.value)
    run.refresh_from_db()
    event.refresh_from_db()
    assert run.status == RunStatus.DONE and event.status == "open"
