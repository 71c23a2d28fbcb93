"""Drawings and quote attachments are judged by their content: PDF, JPEG, PNG or DWG pass;
anything else is refused naming the line or field, and nothing is stored."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import make_buyer, make_need, make_sme
from rantai.core import clock
from rantai.sourcing import services
from rantai.sourcing.models import Need, Quote
from rantai.sourcing.services import LineInput

pytestmark = pytest.mark.django_db


def _need(*attachments):
    return services.need_create(
        by=make_buyer(), title="Blok rem", description="", kbli_codes=["24310"],
        lines=[LineInput(f"Barang {n}", Decimal(10), "buah", "", upload)
               for n, upload in enumerate(attachments, start=1)],
        delivery_regency_code="35.77", quote_deadline=clock.now() + timedelta(days=7))


def test_a_drawing_renamed_from_an_executable_is_refused_by_line():
    exe = SimpleUploadedFile("gambar.pdf", b"MZ\x90\x00\x03\x00\x00\x00")
    dwg = SimpleUploadedFile("bogie.dwg", b"AC1032\x00\x00rest")
    with pytest.raises(ValidationError) as error:
        _need(dwg, exe)
    assert set(error.value.message_dict) == {"line_2_attachment"}
    assert "Baris 2" in error.value.message_dict["line_2_attachment"][0]
    assert not Need.objects.exists()
    need = _need(dwg, SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n...."))
    assert [ln.attachment.name.rsplit(".", 1)[1] for ln in need.lines.order_by("id")] == ["dwg", "png"]


def test_a_quote_attachment_must_be_a_document():
    buyer, sme = make_buyer(), make_sme()
    need = make_need(buyer)
    services.invitations_create(need=need, by=buyer, supplier_ids=[sme.organisation.supplier_profile.pk])
    line = need.lines.get()
    page = SimpleUploadedFile("rincian.pdf", b"<html><script>alert(1)</script>")
    with pytest.raises(ValidationError) as error:
        services.quote_submit(need=need, by=sme, unit_prices={line.pk: 1000}, lead_time_days=3,
                              attachment=page)
    assert "PDF" in error.value.message_dict["attachment"][0]
    assert not Quote.objects.exists()
    big = SimpleUploadedFile("besar.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        services.quote_submit(need=need, by=sme, unit_prices={line.pk: 1000}, lead_time_days=3,
                              attachment=big)
    assert "10 MB" in error.value.message_dict["attachment"][0]
