"""Forum services: the transition tables, who may do what, and the day's records."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from conftest import make_buyer, make_sme
from rantai.forums import services
from rantai.forums.choices import Attendance, RequestStatus
from rantai.forums.models import MeetingRequest
from rantai.forums.permissions import MANAGE, VIEW, access_event, access_request
from rantai.forums.slots import format_slot_list, generate_slots, parse_slot_list
from rantai.notifications.models import Notification

from .helpers import make_event, make_organiser, register, seat_of

pytestmark = pytest.mark.django_db


def test_slots_are_generated_with_breaks_in_the_event_zone():
    organiser = make_organiser()
    event, _ = make_event(organiser, slots=4, breaks={2: 60}, timezone="Asia/Makassar", open_=False)
    slots = list(event.slots.all())
    with timezone.override("Asia/Makassar"):  # a viewer in the event's zone
        assert [s.label for s in slots] == ["1 · 09.00 WITA", "2 · 09.20 WITA", "3 · 10.40 WITA",
                                            "4 · 11.00 WITA"]
    with timezone.override("Asia/Jakarta"):  # one in Jakarta sees its own clock
        assert slots[0].label == "1 · 08.00 WIB"
    assert slots[0].starts_at.utcoffset().total_seconds() == 0  # stored in UTC
    assert slots[0].starts_at.hour == 1  # 09:00 WITA = 01:00 UTC
    assert parse_slot_list("1-2, 4", 4) == [0, 1, 3]
    assert format_slot_list([0, 1, 3]) == "1-2, 4"
    with pytest.raises(ValueError):
        parse_slot_list("3-9", 4)
    assert len(generate_slots(event.date, slots[0].starts_at.time(), 20, 16, "Asia/Jakarta")) == 16


def test_event_create_names_every_bad_field():
    with pytest.raises(ValidationError) as error:
        from datetime import date, time

        services.event_create(
            by=make_organiser(),
            title="",
            date=date(2026, 1, 1),
            start=time(9),
            slot_minutes=1,
            slot_count=500,
            venue="",
            timezone="Europe/Paris",
        )
    assert set(error.value.message_dict) == {"title", "slot_minutes", "slot_count", "venue", "timezone"}


def test_buyers_and_smes_cannot_create_events():
    from datetime import date, time

    for outsider in (make_buyer(), make_sme()):
        with pytest.raises(PermissionDenied):
            services.event_create(
                by=outsider,
                title="X",
                date=date(2026, 1, 1),
                start=time(9),
                slot_minutes=20,
                slot_count=4,
                venue="Jakarta",
            )


def test_another_organiser_cannot_see_or_change_an_event():
    organiser = make_organiser()
    event, _ = make_event(organiser)
    other = make_organiser("Dinas Perindustrian Jatim")
    for action in (VIEW, MANAGE):
        with pytest.raises(Http404):
            access_event(other, event.pk, action)
    with pytest.raises(PermissionDenied):
        services.seat_save(event=event, by=other, buyer_id=make_buyer("PT Pindad").organisation_id, tables=2)
    with pytest.raises(PermissionDenied):
        services.event_finish(event=event, by=other)


def test_a_draft_event_is_invisible_to_smes_and_buyers():
    organiser = make_organiser()
    event, buyers = make_event(organiser, open_=False)
    for outsider in (make_sme(), buyers["PT INKA (Persero)"]):
        with pytest.raises(Http404):
            access_event(outsider, event.pk, VIEW)
    with pytest.raises(ValidationError):
        services.registration_save(event=event, by=make_sme("CV Lain"))


def test_request_accept_flow_notifies_both_sides():
    organiser = make_organiser()
    event, buyers = make_event(organiser)
    inka = buyers["PT INKA (Persero)"]
    sme, registration = register(event)
    request = services.request_create(
        event=event, by=sme, registration=registration, seat=seat_of(event, inka), priority=3
    )
    assert request.status == RequestStatus.PENDING
    assert Notification.objects.filter(
        organisation_id=inka.organisation_id, subject__contains="CV Baja Kurnia"
    ).exists()
    with pytest.raises(PermissionDenied):  # the asker cannot accept its own request
        services.request_decide(request=request, by=sme, accept=True)
    services.request_decide(request=request, by=inka, accept=True)
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED
    assert Notification.objects.filter(
        organisation_id=sme.organisation_id, subject__contains="diterima"
    ).exists()
    # accepted → declined is not in the table
    with pytest.raises(ValidationError):
        services.request_decide(request=request, by=inka, accept=False)
    services.request_cancel(request=request, by=sme)
    with pytest.raises(ValidationError):  # cancelled is final
        services.request_decide(request=request, by=inka, accept=True)


def test_a_buyer_cannot_accept_requests_for_another_buyer():
    organiser = make_organiser()
    event, buyers = make_event(organiser, buyers=(("PT INKA (Persero)", 1), ("PT Pindad (Persero)", 1)))
    sme, registration = register(event)
    request = services.request_create(
        event=event, by=sme, registration=registration, seat=seat_of(event, buyers["PT INKA (Persero)"])
    )
    pindad = buyers["PT Pindad (Persero)"]
    with pytest.raises(PermissionDenied):
        services.request_decide(request=request, by=pindad, accept=True)
    with pytest.raises(Http404):
        access_request(pindad, event, request.pk)
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_an_sme_cannot_see_another_smes_requests():
    organiser = make_organiser()
    event, buyers = make_event(organiser)
    sme, registration = register(event)
    request = services.request_create(
        event=event, by=sme, registration=registration, seat=seat_of(event, buyers["PT INKA (Persero)"])
    )
    rival, rival_registration = register(event, "CV Pesaing")
    with pytest.raises(Http404):
        access_request(rival, event, request.pk)
    with pytest.raises(PermissionDenied):
        services.request_cancel(request=request, by=rival)
    with pytest.raises(PermissionDenied):  # nor ask in another SME's name
        services.request_create(
            event=event, by=rival, registration=registration, seat=seat_of(event, buyers["PT INKA (Persero)"])
        )


def test_a_buyer_request_is_answered_by_the_sme_and_duplicates_are_refused():
    organiser = make_organiser()
    event, buyers = make_event(organiser)
    inka = buyers["PT INKA (Persero)"]
    sme, registration = register(event)
    request = services.request_create(
        event=event, by=inka, registration=registration, seat=seat_of(event, inka)
    )
    with pytest.raises(ValidationError):
        services.request_create(event=event, by=sme, registration=registration, seat=seat_of(event, inka))
    with pytest.raises(PermissionDenied):
        services.request_decide(request=request, by=inka, accept=True)
    services.request_decide(request=request, by=sme, accept=True)
    assert MeetingRequest.objects.get().status == RequestStatus.ACCEPTED


def test_organiser_requests_are_accepted_at_once_and_availability_is_checked():
    organiser = make_organiser()
    event, buyers = make_event(organiser, slots=4)
    sme = make_sme()
    with pytest.raises(ValidationError) as error:
        services.registration_save(event=event, by=sme, available_slots=[0, 7])
    assert "available_slots" in error.value.message_dict
    registration = services.registration_save(event=event, by=sme, available_slots=[0, 1])
    request = services.request_create(
        event=event, by=organiser, registration=registration, seat=seat_of(event, buyers["PT INKA (Persero)"])
    )
    assert request.status == RequestStatus.ACCEPTED


def test_an_unpublished_profile_cannot_register():
    organiser = make_organiser()
    event, _ = make_event(organiser)
    with pytest.raises(ValidationError):
        services.registration_save(event=event, by=make_sme("CV Draf", publish=False))


def test_attendance_table():
    from .test_schedule import published_event

    event, organiser, buyers, smes = published_event()
    meeting = event.runs.get().meetings.first()
    services.attendance_set(meeting=meeting, by=organiser, status=Attendance.NO_SHOW)
    with pytest.raises(ValidationError):
        services.attendance_set(meeting=meeting, by=organiser, status=Attendance.NO_SHOW)
    with pytest.raises(PermissionDenied):
        services.attendance_set(meeting=meeting, by=smes[0][0], status=Attendance.HELD)
