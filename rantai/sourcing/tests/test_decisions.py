"""Two-person rule, PPN basis, split awards with losers told their rank, clarifications
without the asker's name, and changes after quotes that ask SMEs to confirm."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import after, make_buyer, make_sme
from rantai.accounts.choices import Role
from rantai.accounts.models import Membership
from rantai.core import clock
from rantai.core.audit import verify_chain
from rantai.notifications.models import Notification
from rantai.sourcing import selectors, services
from rantai.sourcing.services import LineInput

from .test_views import login

pytestmark = pytest.mark.django_db


def _colleague(of: Membership, role: str) -> Membership:
    """Another person in the same buying organisation."""
    from rantai.accounts.models import User

    user = User.objects.create_user(email=f"{role}-{of.pk}@example.id", password="x",
                                    full_name=f"{role} {of.pk}")
    return Membership.objects.create(user=user, organisation=of.organisation, role=role)


def _two_line_need(buyer, **extra):
    return services.need_create(
        by=buyer, title="Komponen bogie", description="", kbli_codes=["24310"],
        lines=[LineInput("Blok rem", Decimal(100), "buah", "Besi cor kelabu FC250"),
               LineInput("Pegas daun", Decimal(50), "buah")],
        delivery_regency_code="35.77", quote_deadline=clock.now() + timedelta(days=7),
        publish=True, **extra)


def _quote(need, sme, prices, **extra):
    services.invitations_create(need=need, by=make_buyer_of(need),
                                supplier_ids=[sme.organisation.supplier_profile.pk])
    lines = list(need.lines.all())
    return services.quote_submit(need=need, by=sme, lead_time_days=extra.pop("lead", 10),
                                 unit_prices={ln.pk: p for ln, p in zip(lines, prices, strict=True)}, **extra)


def make_buyer_of(need):
    return Membership.objects.filter(organisation=need.buyer, role=Role.OWNER).first()


def test_staff_drafts_and_only_a_manager_publishes_and_awards():
    owner = make_buyer()
    staff = _colleague(owner, Role.STAFF)
    need = services.need_create(
        by=staff, title="Baut", description="", kbli_codes=["24310"], quantity=Decimal(5),
        unit="buah", delivery_regency_code="35.77",
        quote_deadline=clock.now() + timedelta(days=3))
    assert Notification.objects.filter(organisation=owner.organisation,
                                       subject__startswith="Draf menunggu persetujuan").exists()
    with pytest.raises(ValidationError):
        services.need_publish(need=need, by=staff)
    with pytest.raises(ValidationError):  # asking to publish at creation is refused as well
        services.need_create(by=staff, title="Baut", description="", kbli_codes=["24310"],
                             quantity=Decimal(5), unit="buah", delivery_regency_code="35.77",
                             quote_deadline=clock.now() + timedelta(days=3), publish=True)
    manager = _colleague(owner, Role.MANAGER)
    services.need_publish(need=need, by=manager)
    need.refresh_from_db()
    assert (need.status, need.created_by_id, need.approved_by_id) == (
        "published", staff.user_id, manager.user_id)
    sme = make_sme()
    quote = _quote(need, sme, [1000])
    with after(4):
        with pytest.raises(ValidationError) as error:
            services.award_create(need=need, quote=quote, by=staff, reason="Murah")
        assert "manajer atau pemilik" in str(error.value)
        services.award_create(need=need, quote=quote, by=manager, reason="Murah")


def test_staff_sees_no_publish_button_and_the_page_refuses(client):
    owner = make_buyer()
    staff = _colleague(owner, Role.STAFF)
    need = services.need_create(
        by=staff, title="Baut", description="", kbli_codes=["24310"], quantity=Decimal(5),
        unit="buah", delivery_regency_code="35.77", quote_deadline=clock.now() + timedelta(days=3))
    client.force_login(staff.user)
    page = client.get(reverse("sourcing:need-detail", args=[need.pk])).content.decode()
    assert "Menunggu manajer untuk menerbitkan" in page
    client.post(reverse("sourcing:need-publish", args=[need.pk]))
    need.refresh_from_db()
    assert need.status == "draft"


def test_ppn_basis_puts_pkp_and_non_pkp_quotes_side_by_side():
    buyer = make_buyer()
    need = _two_line_need(buyer)
    pkp_incl, pkp_excl, non_pkp = make_sme("CV A"), make_sme("CV B"), make_sme("CV C")
    a = _quote(need, pkp_incl, [11_100, 11_100], seller_pkp=True, ppn_included=True)
    b = _quote(need, pkp_excl, [10_100, 10_000], seller_pkp=True)
    c = _quote(need, non_pkp, [10_050, 10_050])
    assert (a.total_amount, a.base_amount, a.ppn_amount) == (1_665_000, 1_500_000, 165_000)
    assert (b.base_amount, b.ppn_amount) == (1_510_000, 166_100)
    assert (c.base_amount, c.ppn_amount) == (1_507_500, 0)
    with pytest.raises(ValidationError) as error:
        _quote(need, make_sme("CV D"), [1, 1], ppn_included=True)
    assert "non-PKP tidak memungut PPN" in error.value.message_dict["ppn_included"][0]
    with after(8):
        side = selectors.side_by_side(need)
        assert [col.quote.pk for col in side.columns] == [a.pk, c.pk, b.pk]  # before PPN
        by_gross = selectors.side_by_side(need, "gross")
        assert [col.quote.pk for col in by_gross.columns] == [c.pk, a.pk, b.pk]
        first_line = need.lines.first()
        assert side.columns[0].cells[first_line.pk]["amount"] == 1_000_000
        assert side.columns[0].cells[first_line.pk]["unit_price"] == 10_000
        order = services.award_create(need=need, quote=a, by=buyer, reason="Termurah")
        assert order.total_amount == 1_665_000  # the buyer pays the PPN-inclusive price
        assert sum(order.awards.values_list("value", flat=True)) == 1_500_000


def test_split_award_issues_one_order_per_supplier_and_tells_losers_their_rank():
    buyer = make_buyer()
    need = _two_line_need(buyer)
    first, second, third = make_sme("CV Satu"), make_sme("CV Dua"), make_sme("CV Tiga")
    q1 = _quote(need, first, [9_000, 30_000])
    q2 = _quote(need, second, [12_000, 20_000])
    _quote(need, third, [15_000, 40_000])
    brake, spring = need.lines.all()
    mail.outbox.clear()
    with after(8):
        with pytest.raises(ValidationError):
            services.award_lines(need=need, choice={brake.pk: q1}, by=buyer, reason="")
        orders = services.award_lines(need=need, choice={brake.pk: q1, spring.pk: q2},
                                      by=buyer, reason="Termurah per baris")
        assert sorted((o.supplier.name, o.total_amount) for o in orders) == [
            ("CV Dua", 1_000_000), ("CV Satu", 900_000)]
        with pytest.raises(ValidationError) as error:
            services.award_lines(need=need, choice={brake.pk: q2}, by=buyer, reason="lagi")
        assert "sudah memiliki pemenang" in str(error.value)
        assert selectors.quote_rank(need, third) == (3, 3)
    lost = Notification.objects.get(organisation=third.organisation,
                                    subject__startswith="Hasil penawaran")
    assert "peringkat Anda 3 dari 3" in lost.body
    won = Notification.objects.filter(organisation=first.organisation,
                                      subject__startswith="Penawaran Anda menang")
    assert won.count() == 1
    assert verify_chain() == []


def _clarifications(client, need) -> str:
    page = client.get(reverse("sourcing:need-detail", args=[need.pk])).content.decode()
    return page.split('id="clarifications"')[1].split("<h2")[0]


def test_clarifications_are_published_to_every_participant_without_the_asker(client):
    buyer = make_buyer()
    need = _two_line_need(buyer)
    asker, other = make_sme("CV Penanya"), make_sme("CV Lain")
    services.invitations_create(need=need, by=buyer, supplier_ids=[
        asker.organisation.supplier_profile.pk, other.organisation.supplier_profile.pk])
    question = services.clarification_ask(need=need, by=asker, question="Toleransi berapa mm?")
    buyer_note = Notification.objects.get(organisation=buyer.organisation)
    assert "CV Penanya" not in buyer_note.subject + buyer_note.body
    login(client, other)
    assert "Toleransi berapa" not in client.get(
        reverse("sourcing:need-detail", args=[need.pk])).content.decode()  # not yet answered
    login(client, asker)  # the asker alone sees its question waiting
    assert "Toleransi berapa" in _clarifications(client, need)
    login(client, buyer)
    section = _clarifications(client, need)
    assert "Toleransi berapa" in section and "CV Penanya" not in section
    client.post(reverse("sourcing:question-answer", args=[need.pk, question.pk]),
                {"answer": "0,05 mm"})
    login(client, other)
    section = _clarifications(client, need)
    assert "0,05 mm" in section and "Toleransi berapa" in section and "CV Penanya" not in section
    assert Notification.objects.filter(organisation=other.organisation,
                                       subject__startswith="Klarifikasi dijawab").exists()
    other_buyer = make_buyer("PT Lain")
    login(client, other_buyer)
    response = client.post(reverse("sourcing:question-answer", args=[need.pk, question.pk]),
                           {"answer": "palsu"})
    assert response.status_code == 404


def test_changing_a_need_after_quotes_extends_the_deadline_and_asks_for_confirmation():
    buyer = make_buyer()
    need = _two_line_need(buyer)
    sme = make_sme()
    quote = _quote(need, sme, [1000, 1000])
    with after(6.9):  # two hours before the deadline
        services.need_amend(need=need, by=buyer, change_note="Pegas daun kini 60 buah",
                            line_changes={need.lines.last().pk: {"quantity": Decimal(60)}})
        need.refresh_from_db()
        assert need.revision == 2
        assert need.quote_deadline >= clock.now() + timedelta(days=3)
    assert Notification.objects.filter(organisation=sme.organisation,
                                       subject__startswith="Kebutuhan diubah").exists()
    quote.refresh_from_db()
    assert quote.needs_confirmation
    with after(11):
        with pytest.raises(ValidationError) as error:
            services.award_create(need=need, quote=quote, by=buyer, reason="x")
        assert "belum mengonfirmasi" in str(error.value)
    with after(8):
        services.quote_confirm(quote=quote, by=sme)
    with after(11):
        assert services.award_create(need=need, quote=quote, by=buyer, reason="x").pk
