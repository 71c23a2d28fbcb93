"""The buyer's match list (filters, reasons, near misses, one-click invite) and the SME's
opportunities page, through the Django test client."""
from decimal import Decimal
from itertools import pairwise

import pytest
from django.urls import reverse

from conftest import make_buyer, make_sme
from rantai.matching.selectors import opportunities_for
from rantai.sourcing.models import Invitation
from rantai.sourcing.services import invitations_create
from rantai.suppliers.models import SupplierProfile
from rantai.suppliers.services import product_update

from .helpers import certify, need

pytestmark = pytest.mark.django_db


def login(client, membership, language=None):
    client.force_login(membership.user)
    if language:
        client.cookies["django_language"] = language
    return client


def _matches(client, n, **params):
    return client.get(reverse("matching:need-matches", args=[n.pk]), params,
                      HTTP_HX_REQUEST="true").content.decode()


def _listed(client, n, **params):
    """The short list only (near misses cut off)."""
    return _matches(client, n, **params).partition('id="near-misses"')[0]


def test_the_need_page_loads_the_match_list_from_matching(client):
    buyer = make_buyer()
    make_sme("CV Baja Kurnia")
    n = need(buyer)
    page = login(client, buyer).get(reverse("sourcing:need-detail", args=[n.pk])).content.decode()
    assert reverse("matching:need-matches", args=[n.pk]) in page
    html = _matches(client, n)
    assert "CV Baja Kurnia" in html and "blok rem" in html and "KBLI" in html  # reasons shown
    assert 'name="invite"' in html  # the one-click invite button


def test_filters_narrow_the_list(client):
    buyer = make_buyer()
    near = make_sme("CV Madiun", regency="35.77")
    far = make_sme("CV Aceh", regency="11.71")
    certify(far)
    product = near.organisation.supplier_profile.products.get(name="blok rem")
    product_update(by=near, product=product, monthly_capacity=Decimal("1000"))
    SupplierProfile.objects.filter(pk=far.organisation.supplier_profile.pk).update(verification="verified")
    n = need(buyer)
    login(client, buyer)
    both = _matches(client, n)
    assert "CV Madiun" in both and "CV Aceh" in both
    assert "CV Aceh" not in _listed(client, n, province="35")
    assert "CV Madiun" not in _listed(client, n, verified="on")
    assert "CV Aceh" in _listed(client, n, certificate="sni")
    assert "CV Madiun" not in _listed(client, n, certificate="sni")
    assert "CV Aceh" not in _listed(client, n, min_capacity="800")
    assert "CV Madiun" in _listed(client, n, scale="micro")
    assert "CV Madiun" not in _listed(client, n, scale="medium")
    assert "pemasok baru di platform" in _listed(client, n, inclusive="on")  # inclusion re-ranking
    wrong = _matches(client, n, min_capacity="banyak")
    assert "is-invalid" in wrong  # a clear field error, list unfiltered


def test_a_certificate_requirement_is_a_hard_filter_with_the_gap_shown(client):
    buyer = make_buyer()
    holder = make_sme("CV Bersertifikat")
    make_sme("CV Belum")
    certify(holder)
    n = need(buyer, required_certificates=["sni"])
    html = _matches(login(client, buyer), n)
    listed, near_misses = html.split('id="near-misses"') if 'id="near-misses"' in html else (html, "")
    assert "CV Bersertifikat" in listed and "SNI berlaku" in listed
    assert "CV Belum" not in listed
    assert "CV Belum" in near_misses and "SNI" in near_misses


def test_reserved_need_keeps_large_firms_out_of_the_list(client):
    buyer = make_buyer()  # a BUMN: needs up to Rp15 bn are reserved for UMKM
    make_sme("PT Besar", annual_sales=80_000_000_000)
    make_sme("CV Kecil")
    n = need(buyer, estimated_value=500_000_000)
    html = _matches(login(client, buyer), n)
    listed, _, near_misses = html.partition('id="near-misses"')
    assert "CV Kecil" in listed and "PT Besar" not in listed
    assert "PT Besar" in near_misses and "UMKM" in near_misses


def test_reserved_need_keeps_bumn_owned_smes_out(client):
    from rantai.accounts.models import Organisation

    buyer = make_buyer()
    owned = make_sme("CV Anak BUMN")
    Organisation.objects.filter(pk=owned.organisation_id).update(parent=make_buyer("PT Induk").organisation)
    n = need(buyer, estimated_value=500_000_000)
    listed, _, near_misses = _matches(login(client, buyer), n).partition('id="near-misses"')
    assert "CV Anak BUMN" not in listed and "CV Anak BUMN" in near_misses


def test_one_click_invite(client):
    buyer, sme = make_buyer(), make_sme()
    n = need(buyer, is_open=False)
    profile = sme.organisation.supplier_profile
    login(client, buyer)
    url = reverse("matching:candidate-invite", args=[n.pk])
    html = client.post(url, {"invite": profile.pk}, HTTP_HX_REQUEST="true").content.decode()
    assert Invitation.objects.filter(need=n, supplier=profile).count() == 1
    assert 'id="invite-notice"' in html and "diundang" in html
    response = client.post(url, {"supplier": profile.pk})  # again, without htmx
    assert response.status_code == 302 and Invitation.objects.filter(need=n).count() == 1


def test_another_buyer_or_an_sme_cannot_see_or_use_a_match_list(client):
    buyer, sme = make_buyer(), make_sme()
    draft = need(buyer, publish=False)
    published = need(buyer)
    for outsider in (make_buyer("PT KAI (Persero)"), sme):
        login(client, outsider)
        for n in (draft, published):
            assert client.get(reverse("matching:need-matches", args=[n.pk])).status_code in (403, 404)
            client.post(reverse("matching:candidate-invite", args=[n.pk]),
                        {"supplier": sme.organisation.supplier_profile.pk})
    assert not Invitation.objects.exists()
    login(client, buyer)
    assert client.get(reverse("matching:need-matches", args=[draft.pk])).status_code == 200


def test_opportunities_rank_visible_needs_with_reasons_and_gaps(client):
    buyer, other = make_buyer(), make_buyer("PT KAI (Persero)")
    sme = make_sme("CV Serba", products=("blok rem besi cor", "kemeja batik seragam"),
                   kbli=("24310", "14111"))
    fit = need(buyer)
    need(buyer, title="Kemeja batik seragam karyawan", kbli=("14111",),
         required_certificates=["sni"])
    need(other, title="Blok rem rahasia", is_open=False)  # invite-only: not for this SME
    need(buyer, title="Blok rem draf", publish=False)  # a draft: nobody sees it
    html = login(client, sme).get(reverse("matching:opportunities")).content.decode()
    assert fit.title in html and "membuat" in html  # ranked with reasons
    assert "Kemeja batik seragam karyawan" in html and "butuh sertifikat SNI" in html
    assert "Blok rem rahasia" not in html and "Blok rem draf" not in html
    assert reverse("matching:opportunities") in html  # the nav's "Peluang" points here


def test_opportunities_are_paginated_and_only_for_smes(client):
    buyer, sme = make_buyer(), make_sme()
    for i in range(12):
        need(buyer, title=f"Blok rem besi cor batch {i}")
    login(client, sme)
    first = client.get(reverse("matching:opportunities")).content.decode()
    second = client.get(reverse("matching:opportunities"), {"page": 2}).content.decode()
    assert first.count('class="card opportunity') == 10 and second.count('class="card opportunity') == 2
    login(client, buyer)
    assert client.get(reverse("matching:opportunities")).status_code in (302, 403)


def test_english_pages_read_in_english(client):
    buyer, sme = make_buyer(), make_sme()
    n = need(buyer, required_certificates=["sni"])
    html = login(client, sme, "en").get(reverse("matching:opportunities")).content.decode()
    assert "Opportunities for you" in html and "needs a valid SNI certificate" in html and "makes" in html
    html = _matches(login(client, buyer, "en"), n)
    assert "Verified only" in html and "Near misses" in html and "makes" in html


def test_the_sme_home_shows_the_top_of_its_opportunities_invitations_first(client):
    buyer = make_buyer()
    sme = make_sme("CV Serba", products=("blok rem besi cor",), kbli=("24310",))
    for i in range(6):
        need(buyer, title=f"Blok rem besi cor batch {i}")
    invited = need(buyer, title="Pelat lantai kereta", kbli=("25119",), is_open=False)
    invitations_create(need=invited, supplier_ids=[sme.organisation.supplier_profile.pk], by=buyer)
    need(buyer, title="Jasa katering rapat", kbli=("56210",))  # matches nothing: not an opportunity
    login(client, sme)
    ranked = client.get(reverse("matching:opportunities")).content.decode()
    home = client.get(reverse("suppliers:home")).content.decode()
    listed = home.partition('id="home-opportunities"')[2].partition("</ul>")[0]
    titles = sorted((t for t in (f"Blok rem besi cor batch {i}" for i in range(6)) if t in listed),
                    key=listed.index)  # as the home page orders them
    assert listed.index("Pelat lantai kereta") < min(listed.index(t) for t in titles)  # pinned
    assert len(titles) == 4  # five on the home page, the invitation among them
    assert all(ranked.index(a) < ranked.index(b) for a, b in pairwise(titles))  # same order
    assert "Jasa katering rapat" not in listed and "Jasa katering rapat" not in ranked
    assert "Lihat semua 7 peluang" in home


def test_a_need_sharing_only_a_generic_word_is_not_an_opportunity_unless_invited(client, settings):
    buyer = make_buyer()
    sme = make_sme("CV Sinar Utama", products=("blok rem besi cor",), kbli=("24310",))
    strong = need(buyer, title="Blok rem besi cor")
    weak = need(buyer, title="Katering kantor utama", kbli=("56210",))
    settings.RANTAI_MATCHING_OPPORTUNITY_MIN_SCORE = 0
    scores = {o.need.pk: o.score for o in opportunities_for(sme)}
    assert 0 < scores[weak.pk] < scores[strong.pk]  # "utama" in the name is all they share
    settings.RANTAI_MATCHING_OPPORTUNITY_MIN_SCORE = (scores[weak.pk] + scores[strong.pk]) / 2
    assert [o.need.pk for o in opportunities_for(sme)] == [strong.pk]
    html = login(client, sme).get(reverse("matching:opportunities")).content.decode()
    assert "Blok rem besi cor" in html and "Katering kantor utama" not in html
    invitations_create(need=weak, supplier_ids=[sme.organisation.supplier_profile.pk], by=buyer)
    assert {o.need.pk for o in opportunities_for(sme)} == {strong.pk, weak.pk}
