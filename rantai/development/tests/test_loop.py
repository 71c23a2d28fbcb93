"""The development loop: delivery → rating → feedback → plan → mentor → actions →
re-check, with who may do what."""
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import make_agency, make_buyer, make_sme
from rantai.development import services
from rantai.development.choices import PlanStatus
from rantai.development.models import Enrolment
from rantai.development.selectors import plans_visible
from rantai.notifications.models import Notification
from rantai.taxonomy.models import Province

from .helpers import delivered_order, today

pytestmark = pytest.mark.django_db


def _programme(agency, **extra):
    return services.programme_create(by=agency, name="Pendampingan SNI pengecoran", topic="sni",
                                     starts_on=today(), ends_on=today() + timedelta(days=60), **extra)


def test_rejection_feedback_opens_a_plan_that_ends_with_the_buyers_recheck():
    buyer, sme, agency = make_buyer(), make_sme(), make_agency()
    order = delivered_order(buyer, sme, rejected=50)
    services.rating_create(order=order, by=buyer, quality=2, timeliness=4, communication=4, documents=3)
    feedback = services.feedback_create(supplier=order.supplier, by=buyer, order=order,
                                        source="rejection", category="quality",
                                        text="50 blok rem retak pada uji visual")
    plan = feedback.plan
    assert plan.status == PlanStatus.OPEN and plan.goals == "50 blok rem retak pada uji visual"
    note = Notification.objects.get(organisation_id=sme.organisation_id, subject__startswith="Masukan baru")
    assert note.url == reverse("development:plan-detail", args=[plan.pk])

    programme = _programme(agency)
    services.plan_assign(plan=plan, by=agency, programme=programme, mentor_id=agency.user_id)
    assert plan.status == PlanStatus.IN_PROGRESS and plan.mentor_id == agency.user_id
    assert Enrolment.objects.filter(programme=programme, supplier=order.supplier).exists()

    with pytest.raises(ValidationError):  # nothing to show yet
        services.plan_request_recheck(plan=plan, by=sme)
    action = services.plan_action_add(plan=plan, by=sme, description="Perbaiki suhu tuang",
                                      due_on=today() + timedelta(days=14))
    with pytest.raises(ValidationError):  # an action is still open
        services.plan_request_recheck(plan=plan, by=sme)
    services.plan_action_done(action=action, by=sme)
    services.plan_request_recheck(plan=plan, by=sme)
    assert plan.status == PlanStatus.RECHECK

    with pytest.raises(PermissionDenied):  # only the buyer who gave the feedback re-checks
        services.plan_recheck(plan=plan, by=make_buyer("PT KAI (Persero)"), passed=True)
    with pytest.raises(ValidationError):  # "not yet" needs a reason
        services.plan_recheck(plan=plan, by=buyer, passed=False)
    services.plan_recheck(plan=plan, by=buyer, passed=False, note="Masih ada porositas")
    assert plan.status == PlanStatus.IN_PROGRESS
    services.plan_request_recheck(plan=plan, by=sme)
    services.plan_recheck(plan=plan, by=buyer, passed=True, note="Lolos uji")
    assert Notification.objects.filter(organisation_id=buyer.organisation_id,
                                       subject__contains=order.supplier.name).count() == 2
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PASSED and plan.rechecked_at is not None
    with pytest.raises(ValidationError):  # passed is final
        services.plan_action_add(plan=plan, by=sme, description="x", due_on=today())


def test_feedback_needs_real_grounds():
    buyer, sme = make_buyer(), make_sme()
    order = delivered_order(buyer, sme)  # nothing rejected
    with pytest.raises(ValidationError) as error:
        services.feedback_create(supplier=order.supplier, by=buyer, order=order, source="rejection",
                                 category="quality", text="x")
    assert "source" in error.value.message_dict
    services.rating_create(order=order, by=buyer, quality=5, timeliness=5, communication=5)
    with pytest.raises(ValidationError):  # a good rating is no ground for "low rating"
        services.feedback_create(supplier=order.supplier, by=buyer, order=order, source="rating",
                                 category="quality", text="x")
    other = make_buyer("PT Pindad (Persero)")
    with pytest.raises(ValidationError) as error:  # not its order
        services.feedback_create(supplier=order.supplier, by=other, order=order, source="rejection",
                                 category="quality", text="x")
    assert "order" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.feedback_create(supplier=order.supplier, by=buyer, source="forum", category="nope",
                                 text=" ")
    assert {"category", "text"} <= set(error.value.message_dict)


def test_forum_outcome_feedback_for_the_forums_app():
    buyer, sme = make_buyer(), make_sme()
    feedback = services.feedback_create(supplier=sme.organisation.supplier_profile, by=buyer,
                                        source="forum", source_ref="forum-outcome:17",
                                        category="certification", text="Belum ber-SNI")
    assert feedback.plan.status == PlanStatus.OPEN and feedback.source_ref == "forum-outcome:17"


def test_plans_are_seen_by_their_sme_buyer_mentor_and_agency_in_scope():
    buyer, sme = make_buyer(), make_sme(regency="35.77")  # Jawa Timur
    feedback = services.feedback_create(supplier=sme.organisation.supplier_profile, by=buyer,
                                        source="forum", category="quality", text="Perlu uji tarik")
    plan = feedback.plan
    east = make_agency("Disperindag Jatim", province=Province.objects.get(code="35"))
    west = make_agency("Disperindag Jabar", province=Province.objects.get(code="32"))
    for member in (sme, buyer, east, make_agency()):
        assert list(plans_visible(member)) == [plan]
    for outsider in (make_sme("CV Lain"), make_buyer("PT KAI (Persero)"), west):
        assert not plans_visible(outsider).exists()


def test_plan_pages_answer_404_to_outsiders_and_work_for_the_parties(client):
    buyer, sme, agency = make_buyer(), make_sme(), make_agency()
    order = delivered_order(buyer, sme, rejected=10)
    plan = services.feedback_create(supplier=order.supplier, by=buyer, order=order, source="rejection",
                                    category="quality", text="retak").plan
    url = reverse("development:plan-detail", args=[plan.pk])
    for outsider in (make_sme("CV Lain"), make_buyer("PT KAI (Persero)")):
        client.force_login(outsider.user)
        assert client.get(url).status_code == 404
        response = client.post(reverse("development:plan-action-add", args=[plan.pk]),
                               {"description": "x", "due_on": today().isoformat()})
        assert response.status_code in (403, 404)
    assert not plan.actions.exists()
    client.force_login(sme.user)
    assert "retak" in client.get(url).content.decode()
    client.post(reverse("development:plan-action-add", args=[plan.pk]),
                {"description": "Uji penetran", "due_on": today().isoformat()})
    assert plan.actions.get().description == "Uji penetran"
    client.force_login(agency.user)
    programme = _programme(agency)
    client.post(reverse("development:plan-assign", args=[plan.pk]),
                {"programme": programme.pk, "mentor": agency.user_id})
    plan.refresh_from_db()
    assert plan.programme_id == programme.pk and plan.status == PlanStatus.IN_PROGRESS


def test_rating_page_leads_to_feedback_after_a_rejection(client):
    buyer, sme = make_buyer(), make_sme()
    order = delivered_order(buyer, sme, rejected=20)
    client.force_login(buyer.user)
    response = client.post(reverse("development:rate-order", args=[order.pk]),
                           {"quality": 2, "timeliness": 4, "communication": 4, "documents": 3})
    assert response.url == reverse("development:feedback-create", args=[order.pk])
    response = client.post(response.url, {"category": "quality", "text": "20 buah retak"})
    plan = order.supplier.development_plans.get()
    assert response.url == reverse("development:plan-detail", args=[plan.pk])
    assert plan.feedback.source == "rejection" and order.rating.documents == 3
