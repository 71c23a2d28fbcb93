"""Needs with the options matching cares about (open, reserved, certificates)."""
from datetime import date, timedelta
from decimal import Decimal

from rantai.core import clock
from rantai.sourcing.services import need_create
from rantai.suppliers.services import certificate_add


def need(buyer, *, title="Blok rem besi cor untuk kereta", kbli=("24310",), regency="35.77",
         is_open=True, publish=True, quantity=Decimal("500"), **options):
    return need_create(by=buyer, title=title, description="Sesuai gambar teknik INKA",
                       kbli_codes=list(kbli), quantity=quantity, unit="buah",
                       delivery_regency_code=regency, is_open=is_open,
                       quote_deadline=clock.now() + timedelta(days=7), publish=publish, **options)


def certify(sme, kind="sni", *, valid_until=None):
    profile = sme.organisation.supplier_profile
    return certificate_add(by=sme, profile=profile, kind=kind, number="SNI-001", issuer="BSN",
                           valid_from=date(2024, 1, 1),
                           valid_until=valid_until or clock.now().date() + timedelta(days=365))
