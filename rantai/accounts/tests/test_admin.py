"""Agency staff can use the admin: read everything, correct organisations and profiles,
and still never see a sealed quote amount."""
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from conftest import make_buyer, make_need, make_sme
from rantai.accounts.services import AGENCY_STAFF_GROUP, agency_staff_group_ensure
from rantai.sourcing import services

pytestmark = pytest.mark.django_db


def test_agency_staff_read_but_change_nothing_and_never_see_quotes(client, django_user_model):
    agency_staff_group_ensure()
    officer = django_user_model.objects.create_user("officer@example.id", "x", is_staff=True)
    officer.groups.add(Group.objects.get(name=AGENCY_STAFF_GROUP))
    buyer, sme = make_buyer(), make_sme()
    pending = make_buyer("PT Menunggu", approved=False)
    need = make_need(buyer)
    services.invitations_create(need=need, by=buyer,
                                supplier_ids=[sme.organisation.supplier_profile.pk])
    quote = services.quote_submit(need=need, by=sme, unit_prices={need.lines.get().pk: 4321},
                                  lead_time_days=3)
    client.force_login(officer)
    profile = sme.organisation.supplier_profile
    assert client.get(reverse("admin:suppliers_supplierprofile_changelist")).status_code == 200
    assert client.get(reverse("admin:sourcing_need_change", args=[need.pk])).status_code == 200
    assert client.get(reverse("admin:sourcing_quote_change", args=[quote.pk])).status_code == 403
    assert client.get(reverse("admin:core_auditentry_changelist")).status_code == 403
    client.post(reverse("admin:suppliers_supplierprofile_change", args=[profile.pk]),
                {"name": "Diubah petugas"})
    client.post(reverse("admin:accounts_organisation_changelist"),
                {"action": "approve", "_selected_action": [pending.organisation_id]})
    profile.refresh_from_db()
    pending.organisation.refresh_from_db()
    assert profile.name != "Diubah petugas"
    assert pending.organisation.status == "pending"
    assert not officer.has_perm("suppliers.change_supplierprofile")


def test_sealed_quote_shows_nothing_but_its_existence_even_to_superusers(client,
                                                                          django_user_model):
    buyer, sme = make_buyer(), make_sme("CV Rahasia Pemenang")
    need = make_need(buyer)
    services.invitations_create(need=need, by=buyer,
                                supplier_ids=[sme.organisation.supplier_profile.pk])
    quote = services.quote_submit(need=need, by=sme, unit_prices={need.lines.get().pk: 4321},
                                  lead_time_days=17)
    client.force_login(django_user_model.objects.create_superuser("root@example.id", "x"))
    for url in (reverse("admin:sourcing_quote_change", args=[quote.pk]),
                reverse("admin:sourcing_quote_changelist")):
        body = client.get(url).content.decode()
        assert "CV Rahasia Pemenang" not in body and "2160500" not in body
        assert "lead_time_days" not in body


def test_approving_an_agency_opens_the_admin_to_its_officers(client, django_user_model):
    from rantai.accounts.services import organisation_decide, signup

    officer = signup(email="petugas@example.id", password="rahasia-123", full_name="Petugas",
                     org_name="Dinas Perindustrian", kind="agency", consent=True)
    client.force_login(officer.user)
    assert client.get("/admin/").status_code == 302  # not staff yet: sent to the admin login
    admin = django_user_model.objects.create_superuser("root@example.id", "x")
    organisation_decide(organisation=officer.organisation, approve=True, by=admin)
    officer.user.refresh_from_db()
    assert officer.user.is_staff
    assert client.get(reverse("admin:suppliers_supplierprofile_changelist")).status_code == 200
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403


def test_admin_url_filters_cannot_bisect_a_sealed_amount(client, django_user_model):
    buyer, sme = make_buyer(), make_sme()
    need = make_need(buyer)
    services.invitations_create(need=need, by=buyer,
                                supplier_ids=[sme.organisation.supplier_profile.pk])
    services.quote_submit(need=need, by=sme, unit_prices={need.lines.get().pk: 1000},
                          lead_time_days=3)  # total 500.000
    client.raise_request_exception = False
    client.force_login(django_user_model.objects.create_superuser("root@example.id", "x"))
    url = reverse("admin:sourcing_quote_changelist")
    for bound in (1, 499_999, 500_001):
        assert client.get(url, {"total_amount__gte": bound}).status_code == 400
        assert client.get(url, {"lines__unit_price__lte": bound}).status_code == 400
    assert client.get(url, {"status__exact": "submitted"}).status_code == 200
