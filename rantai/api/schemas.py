"""Request (``…In``) and response (``…Out``) shapes of API v1.

Money is whole rupiah (int). Quantities are decimals, sent back as strings so no precision
is lost. Datetimes are ISO 8601 with the viewer's offset (WIB/WITA/WIT); incoming ones
must carry an offset.
"""
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from django.utils import timezone
from ninja import Field, Schema
from pydantic import AwareDatetime, PlainSerializer, WithJsonSchema

from rantai.suppliers.choices import LegalForm

LocalDateTime = Annotated[
    datetime,
    PlainSerializer(lambda value: timezone.localtime(value).isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
# Bounds of the database columns, so oversized input is a 422 rather than a database error.
Quantity = Annotated[Decimal, Field(max_digits=14, decimal_places=3)]
Rupiah = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]
Count = Annotated[int, Field(ge=-(2**31), le=2**31 - 1)]


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]]


def responses(schema, status: int = 200) -> dict:
    """``schema`` for success plus the error answers any endpoint may give (for OpenAPI)."""
    return {status: schema, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut,
            422: ValidationErrorOut}


# --- accounts ---------------------------------------------------------------------------

class UserOut(Schema):
    id: int
    email: str
    full_name: str
    timezone: str


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    buyer_kind: str
    status: str


class MeOut(Schema):
    user: UserOut
    organisation: OrganisationOut | None
    role: str | None
    kind: str | None
    status: str | None
    province_code: str | None


# --- taxonomy ---------------------------------------------------------------------------

class KbliOut(Schema):
    code: str
    title: str
    section: str


class RegencyOut(Schema):
    code: str
    name: str
    province_code: str = Field(alias="province_id")
    province_name: str = Field(alias="province.name")


# --- suppliers --------------------------------------------------------------------------

class SupplierSummaryOut(Schema):
    id: int
    name: str
    legal_form: str
    scale: str
    status: str
    regency_code: str = Field(alias="regency_id")
    regency_name: str = Field(alias="regency.name")
    province_code: str = Field(alias="regency.province_id")
    province_name: str = Field(alias="regency.province.name")


class ProductOut(Schema):
    id: int
    name: str
    description: str
    unit: str
    price_min: int | None
    price_max: int | None
    minimum_order: Decimal | None
    monthly_capacity: Decimal | None
    lead_time_days: int | None


class CapabilityOut(Schema):
    id: int
    process: str
    material: str
    max_part_weight_kg: Decimal | None
    tolerance_mm: Decimal | None
    notes: str


class CoverageOut(Schema):
    product: str = Field(alias="product.name")
    tkdn_percent: Decimal | None


class CertificateOut(Schema):
    id: int
    kind: str
    number: str
    issuer: str
    valid_from: date
    valid_until: date | None
    valid_today: bool
    covers: list[CoverageOut]

    @staticmethod
    def resolve_valid_today(certificate) -> bool:
        return certificate.is_valid_on(timezone.localdate())

    @staticmethod
    def resolve_covers(certificate) -> list:
        return list(certificate.certificateproduct_set.select_related("product"))


class SupplierOut(SupplierSummaryOut):
    nib: str
    description: str
    verification: str
    claimed: bool
    workforce: int | None
    kbli: list[str]
    products: list[str]
    product_details: list[ProductOut]
    capabilities: list[CapabilityOut]
    certificates: list[CertificateOut]
    updated_at: LocalDateTime

    @staticmethod
    def resolve_kbli(profile) -> list[str]:
        return [k.code for k in profile.kbli.all()]

    @staticmethod
    def resolve_products(profile) -> list[str]:
        return [p.name for p in profile.products.all()]

    @staticmethod
    def resolve_product_details(profile) -> list:
        return list(profile.products.all())

    @staticmethod
    def resolve_capabilities(profile) -> list:
        return list(profile.capabilities.all())

    @staticmethod
    def resolve_certificates(profile) -> list:
        return list(profile.certificates.all())


class PrivateSupplierOut(SupplierOut):
    """The view of the SME itself and of agency staff: adds tax, contact and size data."""

    npwp: str
    address: str
    contact_name: str
    contact_phone: str
    contact_email: str
    annual_sales: int | None
    business_capital: int | None
    scale_rule: str


class CompletenessOut(Schema):
    score: int
    missing: list[str]


class OwnProfileOut(PrivateSupplierOut):
    """The SME's own view: adds the completeness checklist."""

    completeness: CompletenessOut

    @staticmethod
    def resolve_completeness(profile) -> dict:
        from rantai.suppliers.selectors import profile_completeness

        result = profile_completeness(profile)
        return {"score": result.score, "missing": [item.key for item in result.missing]}


class ProfileIn(Schema):
    name: str = Field(max_length=200)
    legal_form: LegalForm
    nib: str
    regency_code: str
    kbli_codes: list[str]
    products: list[str]
    description: str = ""
    annual_sales: Rupiah | None = None
    business_capital: Rupiah | None = None
    workforce: int | None = Field(default=None, ge=0)
    npwp: str = Field(default="", max_length=25)
    address: str = ""
    contact_name: str = Field(default="", max_length=150)
    contact_phone: str = Field(default="", max_length=30)
    contact_email: str = Field(default="", max_length=254)


class ProductIn(Schema):
    description: str = ""
    unit: str = Field(default="", max_length=30)
    price_min: Rupiah | None = None
    price_max: Rupiah | None = None
    minimum_order: Decimal | None = Field(default=None, max_digits=14, decimal_places=3)
    monthly_capacity: Decimal | None = Field(default=None, max_digits=14, decimal_places=3)
    lead_time_days: int | None = Field(default=None, ge=0)


class CapabilityIn(Schema):
    process: str
    material: str = Field(default="", max_length=100)
    max_part_weight_kg: Decimal | None = Field(default=None, max_digits=10, decimal_places=2)
    tolerance_mm: Decimal | None = Field(default=None, max_digits=8, decimal_places=3)
    notes: str = Field(default="", max_length=300)


class CoverageIn(Schema):
    product_id: int
    tkdn_percent: Decimal | None = Field(default=None, max_digits=5, decimal_places=2)


class CertificateIn(Schema):
    kind: str
    number: str = Field(max_length=100)
    issuer: str = Field(max_length=200)
    valid_from: date
    valid_until: date | None = None
    covers: list[CoverageIn] = []


class VerificationIn(Schema):
    verified: bool
    note: str = ""


class ClaimIn(Schema):
    nib: str = Field(max_length=20)
    evidence: str


class ClaimDecisionIn(Schema):
    approve: bool
    note: str = ""


class ClaimOut(Schema):
    id: int
    supplier_id: int
    supplier_name: str = Field(alias="supplier.name")
    nib: str = Field(alias="supplier.nib")
    status: str
    evidence: str
    decision_note: str
    created_at: LocalDateTime


class PublishIn(Schema):
    published: bool = True


# --- needs and quotes -------------------------------------------------------------------

class NeedLineOut(Schema):
    id: int
    description: str
    quantity: Decimal
    unit: str


class NeedSummaryOut(Schema):
    id: int
    title: str
    status: str
    buyer_id: int
    buyer_name: str = Field(alias="buyer.name")
    delivery_regency_code: str = Field(alias="delivery_regency_id")
    quote_deadline: LocalDateTime
    quotes_sealed: bool
    is_open: bool
    created_at: LocalDateTime
    published_at: LocalDateTime | None


class NeedOut(NeedSummaryOut):
    description: str
    kbli: list[str]
    delivery_date: date | None
    estimated_value: int | None = Field(
        description="the owner's estimate (HPS): only for the buying organisation, else null")
    lines: list[NeedLineOut]

    @staticmethod
    def resolve_kbli(need) -> list[str]:
        return [k.code for k in need.kbli.all()]

    @staticmethod
    def resolve_estimated_value(need, context) -> int | None:
        from rantai.sourcing.permissions import may_see_estimate

        from .auth import membership_of

        request = context["request"]
        return need.estimated_value if may_see_estimate(membership_of(request), need) else None


class NeedIn(Schema):
    """A need with one line (title, quantity, unit)."""

    title: str = Field(max_length=200)
    description: str = ""
    kbli_codes: list[str]
    quantity: Quantity
    unit: str = Field(max_length=30)
    delivery_regency_code: str
    quote_deadline: AwareDatetime
    delivery_date: date | None = None
    estimated_value: Rupiah | None = None
    is_open: bool = False
    publish: bool = False


class CandidateOut(Schema):
    supplier: SupplierSummaryOut
    score: float
    reasons: list[str]


class InvitationsIn(Schema):
    supplier_ids: list[int]


class InvitationsOut(Schema):
    created: int


class QuoteLineIn(Schema):
    need_line_id: int
    unit_price: Rupiah


class QuoteIn(Schema):
    """A whole-rupiah unit price for every line of the need."""

    lines: list[QuoteLineIn]
    lead_time_days: Count
    note: str = ""


class QuoteLineOut(Schema):
    need_line_id: int
    unit_price: int
    amount: int


class QuoteOut(Schema):
    """A quote with its amounts: only ever built for its own supplier, or for the buyer
    after the deadline."""

    id: int
    need_id: int
    supplier_id: int
    supplier_name: str = Field(alias="supplier.name")
    status: str
    total_amount: int
    lead_time_days: int
    note: str
    submitted_at: LocalDateTime
    lines: list[QuoteLineOut]


class QuoteComparisonOut(Schema):
    sealed: bool
    count: int
    quotes: list[QuoteOut]


class AwardIn(Schema):
    quote: int = Field(description="id of the winning quote")
    reason: str


# --- orders -----------------------------------------------------------------------------

class DeliveryOut(Schema):
    id: int
    delivered_on: date
    quantity_accepted: Decimal
    quantity_rejected: Decimal
    note: str
    confirmed_at: LocalDateTime


class PaymentOut(Schema):
    id: int
    amount: int
    paid_on: date
    reference: str
    recorded_at: LocalDateTime


class RatingOut(Schema):
    quality: int
    timeliness: int
    communication: int
    average: float
    comment: str
    created_at: LocalDateTime


class OrderSummaryOut(Schema):
    id: int
    number: str
    status: str
    need_id: int
    need_title: str = Field(alias="need.title")
    buyer_id: int
    buyer_name: str = Field(alias="buyer.name")
    supplier_id: int
    supplier_name: str = Field(alias="supplier.name")
    total_amount: int
    created_at: LocalDateTime
    accepted_at: LocalDateTime | None
    delivered_at: LocalDateTime | None
    paid_at: LocalDateTime | None


class OrderOut(OrderSummaryOut):
    payable_amount: int | None = None
    paid_amount: int
    deliveries: list[DeliveryOut]
    payments: list[PaymentOut]
    rating: RatingOut | None

    @staticmethod
    def resolve_deliveries(order) -> list:
        return list(order.deliveries.order_by("id"))

    @staticmethod
    def resolve_payments(order) -> list:
        return list(order.payments.order_by("id"))

    @staticmethod
    def resolve_rating(order):
        return getattr(order, "rating", None)  # the reverse one-to-one raises when absent


class DeliveryIn(Schema):
    delivered_on: date
    quantity_accepted: Quantity
    quantity_rejected: Quantity = Decimal(0)
    note: str = ""


class PaymentIn(Schema):
    amount: Rupiah
    paid_on: date
    reference: str = Field("", max_length=100)


class RatingIn(Schema):
    quality: Count
    timeliness: Count
    communication: Count
    comment: str = ""


# --- insights ---------------------------------------------------------------------------

class ProvinceFiguresOut(Schema):
    code: str
    name: str
    smes: int
    orders: int
    order_value: int


class SectionFiguresOut(Schema):
    code: str
    title: str
    smes: int
    needs: int


class DashboardOut(Schema):
    scope: str
    smes: int
    needs: int
    awards: int
    order_value: int
    paid_value: int
    by_province: list[ProvinceFiguresOut]
    by_section: list[SectionFiguresOut]
