"""Mentoring programmes: enrolment, attendance, completion; only their agency runs them."""
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import make_agency, make_sme
from rantai.development import services
from rantai.development.selectors import programme_attendance, programmes_visible
from rantai.taxonomy.models import Province

from .helpers import today

pytestmark = pytest.mark.django_db


def _programme(agency, **extra):
    values = {"name": "Pendampingan halal", "topic": "halal", "starts_on": today(),
              "ends_on": today() + timedelta(days=30)} | extra
    return services.programme_create(by=agency, **values)


def test_enrolment_attendance_and_completion():
    agency = make_agency()
    programme = _programme(agency, capacity=2)
    a, b, c = make_sme("CV A"), make_sme("CV B"), make_sme("CV C")
    ea = services.enrolment_create(programme=programme, supplier=a.organisation.supplier_profile, by=a)
    eb = services.enrolment_create(programme=programme, supplier=b.organisation.supplier_profile,
                                   by=agency)
    with pytest.raises(ValidationError):  # full
        services.enrolment_create(programme=programme, supplier=c.organisation.supplier_profile, by=c)
    with pytest.raises(ValidationError):  # already in
        services.enrolment_create(programme=programme, supplier=a.organisation.supplier_profile, by=a)
    services.session_record(programme=programme, by=agency, held_on=today(), title="Dasar SJPH",
                            attendee_ids=[ea.pk, eb.pk])
    services.session_record(programme=programme, by=agency, held_on=today(), title="Audit",
                            attendee_ids=[ea.pk])
    rows = {r["enrolment"].pk: (r["attended"], r["held"]) for r in programme_attendance(programme)}
    assert rows == {ea.pk: (2, 2), eb.pk: (1, 2)}
    with pytest.raises(PermissionDenied):  # an SME cannot pass itself
        services.enrolment_finish(enrolment=ea, by=a, completed=True)
    services.enrolment_finish(enrolment=ea, by=agency, completed=True)
    services.enrolment_finish(enrolment=eb, by=b, completed=False)  # withdraws: a place frees up
    services.enrolment_create(programme=programme, supplier=c.organisation.supplier_profile, by=c)
    ea.refresh_from_db()
    assert ea.status == "completed" and ea.completed_at is not None


def test_only_the_running_agency_changes_a_programme(client):
    agency, other = make_agency(), make_agency("Kemenkop UKM")
    programme = _programme(agency)
    with pytest.raises(PermissionDenied):
        services.programme_move(programme=programme, by=other, status="running")
    with pytest.raises(PermissionDenied):
        services.session_record(programme=programme, by=other, held_on=today(), title="x",
                                attendee_ids=[])
    client.force_login(other.user)
    assert client.post(reverse("development:programme-status", args=[programme.pk]),
                       {"status": "finished"}).status_code == 404
    programme.refresh_from_db()
    assert programme.status == "open"


def test_bad_dates_are_refused_by_field():
    with pytest.raises(ValidationError) as error:
        _programme(make_agency(), ends_on=today() - timedelta(days=1))
    assert "ends_on" in error.value.message_dict


def test_a_provincial_officer_sees_national_and_own_province_programmes():
    national = make_agency()
    east = make_agency("Disperindag Jatim", province=Province.objects.get(code="35"))
    west = make_agency("Disperindag Jabar", province=Province.objects.get(code="32"))
    everywhere = _programme(national, name="Nasional")
    east_only = _programme(east, name="Jatim")
    _programme(west, name="Jabar")
    assert east_only.province_id == "35"
    assert set(programmes_visible(east).values_list("name", flat=True)) == {"Nasional", "Jatim"}
    assert programmes_visible(make_sme()).count() == 3
    assert everywhere.province_id is None


def test_programme_pages(client):
    agency, sme = make_agency(), make_sme()
    client.force_login(agency.user)
    response = client.post(reverse("development:programmes"), {
        "name": "Kesiapan digital", "topic": "digital", "starts_on": today().isoformat(),
        "ends_on": today().isoformat(), "capacity": "10"})
    programme = agency.organisation.programmes.get()
    assert response.url == reverse("development:programme-detail", args=[programme.pk])
    client.force_login(sme.user)
    client.post(reverse("development:programme-enrol", args=[programme.pk]))
    assert programme.enrolments.get().supplier == sme.organisation.supplier_profile
    assert "Kesiapan digital" in client.get(reverse("development:home")).content.decode()


def test_demo_development_data_is_built_once():
    from conftest import make_buyer
    from rantai.development.demo import seed
    from rantai.development.models import DevelopmentPlan, Programme

    from .helpers import delivered_order

    make_agency("Kementerian Perindustrian")
    delivered_order(make_buyer(), make_sme(), rejected=30)
    first = seed()
    assert first["programmes"] == 3 and first["plans"] == 1 and first["waiting_recheck"] == 1
    assert seed() == {"programmes": 0, "plans": 0, "waiting_recheck": 1}
    assert Programme.objects.count() == 3 and DevelopmentPlan.objects.count() == 1
