"""Another organisation can neither see nor change a buyer's need, an SME's quote or an
SME's profile draft; an unapproved buyer organisation can do nothing but wait."""
import pytest
from django.urls import reverse

from conftest import after, make_agency, make_buyer, make_need, make_sme
from rantai.core.models import AuditEntry
from rantai.sourcing import services
from rantai.sourcing.models import Invitation, Need

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    buyer, other_buyer = make_buyer(), make_buyer("PT Pertamina (Persero)")
    sme, other_sme = make_sme(), make_sme("CV Lain")
    need = make_need(buyer)
    draft = make_need(buyer, title="Draf rahasia", publish=False)
    profile = sme.organisation.supplier_profile
    services.invitations_create(need=need, supplier_ids=[profile.pk], by=buyer)
    quote = services.quote_submit(need=need, by=sme, unit_prices={need.lines.get().pk: 777_777},
                                  lead_time_days=9)
    return locals()


def _as(client, membership):
    client.force_login(membership.user)
    return client


@pytest.mark.parametrize("who", ["other_buyer", "other_sme"])
def test_other_organisations_cannot_see_a_buyers_need(client, world, who):
    _as(client, world[who])
    for need in (world["need"], world["draft"]):
        assert client.get(reverse("sourcing:need-detail", args=[need.pk])).status_code == 404
    page = client.get(reverse("sourcing:need-list")).content.decode()
    assert world["need"].title not in page and "Draf rahasia" not in page


@pytest.mark.parametrize("who", ["other_buyer", "other_sme", "sme"])
def test_only_the_buyer_changes_its_need(client, world, who):
    _as(client, world[who])
    need, draft = world["need"], world["draft"]
    before = AuditEntry.objects.count()
    assert client.post(reverse("sourcing:need-publish", args=[draft.pk])).status_code in (403, 404)
    assert client.post(reverse("sourcing:need-invite", args=[need.pk]),
                       {"supplier": [world["other_sme"].organisation.supplier_profile.pk]}
                       ).status_code in (403, 404)
    with after(8):
        assert client.post(reverse("sourcing:need-award", args=[need.pk]),
                           {"quote": world["quote"].pk, "reason": "x"}).status_code in (403, 404)
    assert Need.objects.get(pk=draft.pk).status == "draft"
    assert Invitation.objects.count() == 1 and need.awards.count() == 0
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("who", ["buyer", "other_buyer", "other_sme", "agency"])
def test_nobody_but_the_sme_sees_its_quote_before_the_deadline(client, world, who):
    member = make_agency() if who == "agency" else world[who]
    _as(client, member)
    pages = [reverse("sourcing:need-detail", args=[world["need"].pk]),
             reverse("sourcing:need-list"), reverse("sourcing:order-list")]
    # the unit price, the total (500 × 777.777) and the lead time; and, to anyone but the
    # buyer (who knows whom it invited), the bidder's name
    secrets = ["777.777", "777777", "388.888.500", "388888500", "Rp388,9 juta", "9 hari"]
    if who != "buyer":
        secrets.append(world["sme"].organisation.supplier_profile.name)
    for url in pages:
        body = client.get(url).content.decode()
        assert not [secret for secret in secrets if secret in body], url
    assert "777777" not in str(list(AuditEntry.objects.values_list("payload", flat=True)))


def test_the_quote_count_is_the_buyers_alone(client, world):
    url = reverse("sourcing:need-detail", args=[world["need"].pk])
    _as(client, world["buyer"])
    assert "1 penawaran masuk" in client.get(url).content.decode()
    other = make_sme("CV Diundang Juga")
    services.invitations_create(need=world["need"], by=world["buyer"],
                                supplier_ids=[other.organisation.supplier_profile.pk])
    _as(client, other)
    assert "penawaran masuk" not in client.get(url).content.decode()


def test_quote_sealed_in_the_admin_until_the_deadline(client, world, django_user_model):
    admin = django_user_model.objects.create_superuser("root@example.id", "x")
    client.force_login(admin)
    total = str(world["quote"].total_amount)  # 388888500
    urls = [reverse("admin:sourcing_quote_change", args=[world["quote"].pk]),
            reverse("admin:sourcing_quote_changelist"), reverse("admin:core_auditentry_changelist")]
    for url in urls:
        body = client.get(url).content.decode()
        assert total not in body and "388.888.500" not in body and "388,888,500" not in body
    with after(8):
        assert total in client.get(urls[0]).content.decode()


def test_the_sme_sees_its_own_amount(client, world):
    _as(client, world["sme"])
    body = client.get(reverse("sourcing:need-detail", args=[world["need"].pk])).content.decode()
    assert "388.888.500" in body


def test_profile_draft_is_private(client, world):
    draft_owner = make_sme("CV Draf", publish=False)
    profile = draft_owner.organisation.supplier_profile
    for who in ("buyer", "other_sme"):
        _as(client, world[who])
        assert client.get(reverse("suppliers:detail", args=[profile.pk])).status_code == 404
        assert "CV Draf" not in client.get(reverse("suppliers:directory")).content.decode()
    _as(client, draft_owner)
    assert client.get(reverse("suppliers:detail", args=[profile.pk])).status_code == 200
    # A complete, valid form from another SME edits only that SME's own profile.
    _as(client, world["other_sme"])
    response = client.post(reverse("suppliers:profile-edit"), {
        "name": "Ambil alih", "legal_form": "cv", "nib": profile.nib, "regency_code": "35.77",
        "kbli_codes": "24310", "products": "blok rem"})
    assert "NIB ini sudah terdaftar" in response.content.decode()
    profile.refresh_from_db()
    assert profile.name == "CV Draf"


def test_orders_are_private_to_their_parties(client, world):
    with after(8):
        order = services.award_create(need=world["need"], quote=world["quote"],
                                      by=world["buyer"], reason="satu-satunya")
    for who in ("other_buyer", "other_sme"):
        _as(client, world[who])
        assert client.get(reverse("sourcing:order-detail", args=[order.pk])).status_code == 404
        response = client.post(reverse("sourcing:order-accept", args=[order.pk]))
        assert response.status_code in (403, 404)
    order.refresh_from_db()
    assert order.status == "issued"


def test_unapproved_buyer_can_only_wait(client):
    pending = make_buyer("PT Belum Disetujui", approved=False)
    _as(client, pending)
    for name in ("sourcing:need-list", "sourcing:need-create", "sourcing:order-list",
                 "suppliers:directory", "insights:dashboard"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"] == reverse("accounts:pending")
    response = client.post(reverse("sourcing:need-create"), {"title": "x"})
    assert response["Location"] == reverse("accounts:pending")
    assert not Need.objects.filter(buyer=pending.organisation).exists()
    assert "menunggu persetujuan" in client.get(reverse("accounts:pending")).content.decode()


def test_dashboard_is_for_agencies_only(client, world):
    _as(client, world["buyer"])
    assert client.get(reverse("insights:dashboard")).status_code == 403
    _as(client, make_agency())
    assert client.get(reverse("insights:dashboard")).status_code == 200


def test_a_signed_in_person_without_an_organisation_is_sent_home(client, django_user_model):
    loner = django_user_model.objects.create_user("sendiri@example.id", "rahasia-123")
    client.force_login(loner)
    response = client.get(reverse("sourcing:need-list"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:home")
    assert "belum tergabung" in client.get(reverse("accounts:home")).content.decode()


def test_provincial_officers_see_only_their_province(client, world):
    from rantai.taxonomy.models import Province

    with after(8):
        order = services.award_create(need=world["need"], quote=world["quote"],
                                      by=world["buyer"], reason="ok")
    # the SME sits in Kota Madiun (35, Jawa Timur); the need is delivered there too
    east_java = make_agency("Disperindag Jatim", province=Province.objects.get(code="35"))
    west_java = make_agency("Disperindag Jabar", province=Province.objects.get(code="32"))
    for officer, visible in ((east_java, 200), (west_java, 404)):
        _as(client, officer)
        assert client.get(reverse("sourcing:order-detail", args=[order.pk])).status_code == visible
        assert client.get(reverse("sourcing:need-detail", args=[world["need"].pk])
                          ).status_code == visible
