"""Agency staff can use the admin: read everything, correct organisations and profiles,
and still never see a sealed quote amount."""
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from conftest import make_buyer, make_need, make_sme
from rantai.accounts.services import AGENCY_STAFF_GROUP, agency_staff_group_ensure
from rantai.sourcing import services

pytestmark = pytest.mark.django_db


def test_agency_staff_read_and_correct_but_cannot_delete(client, django_user_model):
    agency_staff_group_ensure()
    officer = django_user_model.objects.create_user("officer@example.id", "x", is_staff=True)
    officer.groups.add(Group.objects.get(name=AGENCY_STAFF_GROUP))
    buyer, sme = make_buyer(), make_sme()
    need = make_need(buyer)
    services.invitations_create(need=need, by=buyer,
                                supplier_ids=[sme.organisation.supplier_profile.pk])
    quote = services.quote_submit(need=need, by=sme, unit_prices={need.lines.get().pk: 4321},
                                  lead_time_days=3)
    client.force_login(officer)
    profile = sme.organisation.supplier_profile
    assert client.get(reverse("admin:suppliers_supplierprofile_changelist")).status_code == 200
    assert client.get(reverse("admin:sourcing_need_change", args=[need.pk])).status_code == 200
    body = client.get(reverse("admin:sourcing_quote_change", args=[quote.pk])).content.decode()
    assert str(quote.total_amount) not in body
    assert client.get(reverse("admin:suppliers_supplierprofile_delete", args=[profile.pk])
                      ).status_code == 403
    assert officer.has_perm("suppliers.change_supplierprofile")
    assert not officer.has_perm("sourcing.change_quote")


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
