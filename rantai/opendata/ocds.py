"""Needs, awards, orders and payments as OCDS 1.1 release packages (one release per need).

Contract of this module:
- only needs that left draft are published; a need's quotes (amounts, prices, who quoted)
  never appear, and nothing that depends on them (awards, the number of tenderers) appears
  before the quote deadline;
- the buyer's own estimate (HPS) is never published: Rantai keeps it from bidders;
- suppliers carry their NIB as ``identifier`` (scheme ``ID-NIB``) and their scale in
  ``details.scale`` (OCDS partyScale: micro / sme / large); the finer PP 7/2021 scale, KBLI
  codes, TKDN and the UMK reservation live in the Indonesian extension (``docs/ocds.md``,
  ``extension/``);
- no personal or tax data: no NPWP, no contact person, no street address, no officials'
  names.
"""
import json
from collections.abc import Iterator
from datetime import date, datetime, time

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from rantai.core import clock
from rantai.sourcing.choices import NeedStatus, OrderStatus
from rantai.sourcing.models import Award, Need, NeedLine, Payment, PurchaseOrder, QuoteLine
from rantai.suppliers.choices import CertificateKind, Scale
from rantai.suppliers.models import CertificateProduct, SupplierProfile

OCDS_VERSION = "1.1"
CURRENCY = "IDR"
NIB_SCHEME = "ID-NIB"
KBLI_SCHEME = "KBLI-2020"
# PP 7/2021 scale → OCDS partyScale (micro / sme / large).
PARTY_SCALE = {Scale.MICRO: "micro", Scale.SMALL: "sme", Scale.MEDIUM: "sme", Scale.LARGE: "large"}
EXTENSION_PATH = "/data-terbuka/ekstensi/extension.json"


def ocid_prefix() -> str:
    """The publisher's OCID prefix (register a real one with the Open Contracting
    Partnership before publishing; ``OCDS_OCID_PREFIX`` in settings)."""
    return getattr(settings, "OCDS_OCID_PREFIX", "ocds-rantai")


def ocid_for(need: Need) -> str:
    return f"{ocid_prefix()}-{need.pk}"


def _dt(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(timezone.get_fixed_timezone(0)).isoformat().replace("+00:00", "Z")
    return datetime.combine(value, time(0, 0)).isoformat() + "Z"


def _value(amount: int | None) -> dict:
    return {"amount": amount, "currency": CURRENCY}


def buyer_party_id(org_id: int) -> str:
    return f"RANTAI-ORG-{org_id}"


def supplier_party_id(profile: SupplierProfile) -> str:
    return f"{NIB_SCHEME}-{profile.nib}"


def needs_for_export(*, since: date | None = None) -> QuerySet[Need]:
    """Every need that left draft; with ``since``, those with anything new on or after it
    (published, awarded, delivered or paid)."""
    needs = Need.objects.exclude(status=NeedStatus.DRAFT)
    if since is not None:
        start = timezone.make_aware(datetime.combine(since, time(0, 0)))
        changed = (Q(published_at__gte=start) | Q(awards__awarded_at__gte=start)
                   | Q(orders__delivered_at__gte=start) | Q(orders__paid_at__gte=start)
                   | Q(orders__payments__recorded_at__gte=start))
        needs = needs.filter(pk__in=Need.objects.filter(changed).values("pk"))
    return needs.order_by("pk")


def _prefetched(needs: QuerySet[Need]) -> QuerySet[Need]:
    return needs.select_related("buyer", "delivery_regency__province").prefetch_related(
        "kbli", Prefetch("lines", queryset=NeedLine.objects.order_by("id")),
        Prefetch("awards", queryset=Award.objects.select_related(
            "need_line", "quote__supplier__regency__province", "order").order_by("id")),
        Prefetch("orders", queryset=PurchaseOrder.objects.select_related(
            "supplier__regency__province").prefetch_related(
            Prefetch("payments", queryset=Payment.objects.order_by("paid_on", "id")),
            "deliveries").order_by("id")),
    )


def _tkdn_by_supplier(supplier_ids: set[int], today: date) -> dict[int, list[dict]]:
    """Valid TKDN-IK figures per product, per supplier (public certificates)."""
    out: dict[int, list[dict]] = {}
    rows = (CertificateProduct.objects
            .filter(certificate__supplier_id__in=supplier_ids, certificate__kind=CertificateKind.TKDN_IK,
                    tkdn_percent__isnull=False, certificate__valid_from__lte=today)
            .filter(Q(certificate__valid_until__isnull=True) | Q(certificate__valid_until__gte=today))
            .select_related("certificate", "product").order_by("product__name", "id"))
    for row in rows:
        out.setdefault(row.certificate.supplier_id, []).append({
            "product": row.product.name, "percent": float(row.tkdn_percent),
            "validUntil": row.certificate.valid_until.isoformat() if row.certificate.valid_until else None,
        })
    return out


def _supplier_party(profile: SupplierProfile, tkdn: list[dict]) -> dict:
    regency = profile.regency
    details = {
        "scale": PARTY_SCALE.get(profile.scale, "sme"),
        "indonesia": {
            "scale": profile.scale,
            "scaleRule": profile.scale_rule or None,
            "kbli": sorted(k.code for k in profile.kbli.all()),
            "regionCode": regency.code,
            "tkdn": tkdn,
        },
    }
    return {
        "id": supplier_party_id(profile), "name": profile.name,
        "identifier": {"scheme": NIB_SCHEME, "id": profile.nib, "legalName": profile.name},
        "address": {"locality": regency.name, "region": regency.province.name,
                    "countryName": "Indonesia"},
        "roles": ["supplier"], "details": details,
    }


def _buyer_party(need: Need) -> dict:
    buyer = need.buyer
    return {
        "id": buyer_party_id(buyer.pk), "name": buyer.name,
        "roles": ["buyer", "procuringEntity"],
        "details": {"indonesia": {"buyerKind": buyer.buyer_kind or None,
                                  "bumnCluster": buyer.bumn_cluster or None}},
    }


def _tender(need: Need, now: datetime) -> dict:
    sealed = now < need.quote_deadline
    kbli = sorted(k.code for k in need.kbli.all())
    classification = {"scheme": KBLI_SCHEME, "id": kbli[0]} if kbli else None
    items = []
    for line in need.lines.all():
        item = {"id": str(line.pk), "description": line.description,
                "quantity": float(line.quantity), "unit": {"name": line.unit}}
        if classification:
            item["classification"] = classification
        items.append(item)
    if need.status == NeedStatus.CANCELLED:
        status = "cancelled"
    elif need.status == NeedStatus.AWARDED:
        status = "complete"
    else:
        status = "active"
    tender = {
        "id": str(need.pk), "title": need.title, "description": need.description or None,
        "status": status, "procuringEntity": {"id": buyer_party_id(need.buyer_id),
                                              "name": need.buyer.name},
        "items": items, "mainProcurementCategory": "goods",
        "procurementMethod": "open" if need.is_open else "selective",
        "procurementMethodDetails": ("Terbuka untuk semua UMKM" if need.is_open
                                     else "Undangan kepada UMKM terpilih"),
        "submissionMethod": ["electronicSubmission"],
        "tenderPeriod": {"startDate": _dt(need.published_at), "endDate": _dt(need.quote_deadline)},
        "indonesia": {
            "kbli": kbli,
            "deliveryRegionCode": need.delivery_regency_id,
            "umkReservation": {
                "reserved": bool(getattr(need, "umk_reserved", False)),
                "waived": bool(getattr(need, "reservation_waiver_reason", "")),
            },
            "requiredCertificates": list(getattr(need, "required_certificates", []) or []),
            "minimumTkdnPercent": _float(getattr(need, "min_tkdn_percent", None)),
        },
    }
    if not sealed:
        tender["numberOfTenderers"] = need.quotes.filter(status="submitted").count()
    return tender


def _float(value) -> float | None:
    return None if value is None else float(value)


def _award_value(award: Award) -> int:
    value = getattr(award, "value", 0)
    if value:
        return value
    line = QuoteLine.objects.filter(quote_id=award.quote_id, need_line_id=award.need_line_id).first()
    return line.amount if line else 0


def _awards(need: Need) -> list[dict]:
    out = []
    for award in need.awards.all():
        supplier = award.quote.supplier
        cancelled = award.order.status == OrderStatus.CANCELLED
        out.append({
            "id": str(award.pk), "status": "cancelled" if cancelled else "active",
            "date": _dt(award.awarded_at), "value": _value(_award_value(award)),
            "suppliers": [{"id": supplier_party_id(supplier), "name": supplier.name}],
            "items": [{"id": str(award.need_line_id), "description": award.need_line.description,
                       "quantity": float(award.need_line.quantity),
                       "unit": {"name": award.need_line.unit}}],
            "indonesia": {"supplierScale": getattr(award, "supplier_scale", "") or supplier.scale,
                          "tkdnPercent": _float(getattr(award, "tkdn_percent", None))},
        })
    return out


_CONTRACT_STATUS = {OrderStatus.ISSUED: "pending", OrderStatus.ACCEPTED: "active",
                    OrderStatus.DELIVERED: "active", OrderStatus.PAID: "terminated",
                    OrderStatus.CANCELLED: "cancelled"}


def _contracts(need: Need, awards_by_order: dict[int, list[str]]) -> list[dict]:
    out = []
    for order in need.orders.all():
        supplier = order.supplier
        payer = {"id": buyer_party_id(order.buyer_id), "name": need.buyer.name}
        payee = {"id": supplier_party_id(supplier), "name": supplier.name}
        transactions = [
            {"id": f"{order.number}-P{payment.pk}", "source": None, "date": _dt(payment.paid_on),
             "value": _value(payment.amount), "payer": payer, "payee": payee}
            for payment in order.payments.all()
        ]
        deliveries = list(order.deliveries.all())
        contract = {
            "id": order.number, "awardID": (awards_by_order.get(order.pk) or [""])[0],
            "status": _CONTRACT_STATUS.get(order.status, "pending"),
            "value": _value(order.total_amount), "dateSigned": _dt(order.accepted_at),
            "indonesia": {
                "payableAmount": order.payable_amount,
                "bast": [{"date": d.delivered_on.isoformat(),
                          "quantityAccepted": float(d.quantity_accepted),
                          "quantityRejected": float(d.quantity_rejected)} for d in deliveries],
            },
        }
        if transactions:
            contract["implementation"] = {"transactions": transactions}
        out.append(contract)
    return out


def release_for(need: Need, *, now: datetime, tkdn: dict[int, list[dict]]) -> dict:
    """One release describing the need as it stands now (tender, awards, contracts,
    payments). ``need`` must come from ``_prefetched``."""
    sealed = now < need.quote_deadline
    parties = {buyer_party_id(need.buyer_id): _buyer_party(need)}
    awards = [] if sealed else _awards(need)
    awards_by_order: dict[int, list[str]] = {}
    if not sealed:
        for award in need.awards.all():
            awards_by_order.setdefault(award.order_id, []).append(str(award.pk))
            supplier = award.quote.supplier
            parties.setdefault(supplier_party_id(supplier),
                               _supplier_party(supplier, tkdn.get(supplier.pk, [])))
    contracts = [] if sealed else _contracts(need, awards_by_order)
    tags = ["tender"]
    if awards:
        tags.append("award")
    if contracts:
        tags.append("contract")
    if any("implementation" in c for c in contracts):
        tags.append("implementation")
    moments = [need.published_at or need.created_at]
    if not sealed:
        moments += [a.awarded_at for a in need.awards.all()]
        for order in need.orders.all():
            moments += [m for m in (order.accepted_at, order.delivered_at, order.paid_at) if m]
            moments += [p.recorded_at for p in order.payments.all()]
    last = max(moments)
    release = {
        "ocid": ocid_for(need), "id": f"{ocid_for(need)}-{last.strftime('%Y%m%dT%H%M%S')}",
        "date": _dt(last), "tag": tags, "initiationType": "tender", "language": "id",
        "parties": list(parties.values()),
        "buyer": {"id": buyer_party_id(need.buyer_id), "name": need.buyer.name},
        "tender": _tender(need, now),
    }
    if awards:
        release["awards"] = awards
    if contracts:
        release["contracts"] = contracts
    return release


def iter_releases(needs: QuerySet[Need], *, now: datetime | None = None,
                  chunk_size: int = 200) -> Iterator[dict]:
    """Releases for ``needs`` in chunks (bounded memory for the whole database)."""
    now = now or clock.now()
    ids = list(needs.values_list("pk", flat=True))
    for start in range(0, len(ids), chunk_size):
        chunk = list(_prefetched(Need.objects.filter(pk__in=ids[start:start + chunk_size]))
                     .order_by("pk"))
        supplier_ids = {a.quote.supplier_id for n in chunk for a in n.awards.all()}
        profiles = SupplierProfile.objects.filter(pk__in=supplier_ids).prefetch_related("kbli")
        kbli_cache = {p.pk: p for p in profiles}
        for need in chunk:
            for award in need.awards.all():  # share one prefetched profile per supplier
                award.quote.supplier = kbli_cache.get(award.quote.supplier_id, award.quote.supplier)
        tkdn = _tkdn_by_supplier(supplier_ids, timezone.localdate(now))
        for need in chunk:
            yield release_for(need, now=now, tkdn=tkdn)


def package_header(*, base_url: str, now: datetime | None = None) -> dict:
    """The package's metadata (everything but ``releases``)."""
    now = now or clock.now()
    base = base_url.rstrip("/")
    return {
        "uri": f"{base}/data-terbuka/ocds.json",
        "version": OCDS_VERSION,
        "extensions": [f"{base}{EXTENSION_PATH}"],
        "publishedDate": _dt(now),
        "publisher": {"name": getattr(settings, "OCDS_PUBLISHER_NAME", "Rantai"),
                      "uri": f"{base}/"},
        "license": "https://creativecommons.org/licenses/by/4.0/",
    }


def build_package(*, base_url: str, since: date | None = None, now: datetime | None = None) -> dict:
    """The whole package in memory (tests, small exports)."""
    now = now or clock.now()
    package = package_header(base_url=base_url, now=now)
    package["releases"] = list(iter_releases(needs_for_export(since=since), now=now))
    return package


def iter_package_json(*, base_url: str, since: date | None = None,
                      now: datetime | None = None) -> Iterator[str]:
    """The package as JSON text, one release at a time (streamed responses, big files)."""
    now = now or clock.now()
    header = package_header(base_url=base_url, now=now)
    yield json.dumps(header, ensure_ascii=False)[:-1] + ', "releases": ['
    for i, release in enumerate(iter_releases(needs_for_export(since=since), now=now)):
        yield ("," if i else "") + "\n" + json.dumps(release, ensure_ascii=False)
    yield "\n]}\n"
