"""Replay a ``Plan`` into the database.

Organisations of buyers, agencies and the organiser, the suppliers with logins and every
procurement step go through the real services (``accounts``, ``suppliers``, ``sourcing``,
``development``) under ``clock.frozen_at`` so each happens, and is audited, at its planned
moment. The ~2,000 suppliers without logins are bulk-inserted and recorded by one audit
entry. The caller provides the transaction: ``Writer.run`` refuses to run outside one.
"""
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction

from rantai.accounts.choices import OrgKind, OrgStatus
from rantai.accounts.models import Membership, Organisation, User
from rantai.accounts.services import organisation_decide, signup
from rantai.core import clock
from rantai.core.audit import audit_append
from rantai.core.timezones import zoneinfo
from rantai.development.services import rating_create
from rantai.sourcing import services as sourcing
from rantai.sourcing.models import Need, PurchaseOrder, Quote
from rantai.suppliers.choices import ProfileStatus
from rantai.suppliers.models import Product, SupplierProfile
from rantai.suppliers.scale import decide_scale
from rantai.suppliers.search import search_text_for
from rantai.suppliers.services import (
    capability_add,
    certificate_add,
    product_update,
    profile_save,
    profile_set_published,
    verification_decide,
    verification_request,
)

from . import DEMO_PASSWORD
from .organisations import ADMIN_EMAIL, ADMIN_NAME, FEATURED_DETAILS, ProfileDetails
from .plan import (
    Accept,
    Approve,
    Award,
    CreateAdmin,
    DecideVerification,
    Deliver,
    ImportSuppliers,
    Invite,
    JoinSme,
    Pay,
    Plan,
    PostNeed,
    Rate,
    RequestVerification,
    SignUp,
    SubmitQuote,
)
from .regions import place

WIB = zoneinfo("Asia/Jakarta")


def anchor_for(now: datetime) -> datetime:
    """Midnight (WIB) at the start of ``now``'s day: every planned event lies before it."""
    return now.astimezone(WIB).replace(hour=0, minute=0, second=0, microsecond=0)


def _local_date(when: datetime) -> date:
    """The calendar date in WIB, the date a BAST or a transfer is written with."""
    return when.astimezone(WIB).date()


def demo_exists() -> bool:
    """True once the demo is built: its admin exists (the demo is written in one
    transaction, so the admin never exists without the rest)."""
    return User.objects.filter(email=ADMIN_EMAIL).exists()


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


@dataclass
class _State:
    admin: User | None = None
    members: dict[str, Membership] = field(default_factory=dict)  # org or SME key
    profiles: dict[str, int] = field(default_factory=dict)        # SME key → profile pk
    needs: dict[str, Need] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)            # need key → line pk
    quotes: dict[tuple[str, str], Quote] = field(default_factory=dict)
    orders: dict[str, PurchaseOrder] = field(default_factory=dict)
    winners: dict[str, str] = field(default_factory=dict)          # need key → SME key
    users: list[int] = field(default_factory=list)


class Writer:
    """Replays one plan at one anchor (see ``anchor_for``)."""

    def __init__(self, plan: Plan, anchor: datetime):
        self.plan = plan
        self.anchor = anchor
        self.orgs = {o.key: o for o in plan.orgs}
        self.smes = {s.key: s for s in plan.smes}
        self.need_specs = {n.key: n for n in plan.needs}
        self.state = _State()
        self.handlers = {
            CreateAdmin: self.create_admin, SignUp: self.sign_up, Approve: self.approve,
            ImportSuppliers: self.import_suppliers, JoinSme: self.join_sme,
            RequestVerification: self.request_verification,
            DecideVerification: self.decide_verification,
            PostNeed: self.post_need, Invite: self.invite, SubmitQuote: self.submit_quote,
            Award: self.award, Accept: self.accept, Deliver: self.deliver, Pay: self.pay,
            Rate: self.rate,
        }

    def run(self) -> None:
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("Writer.run must be called inside transaction.atomic()")
        for event in self.plan.events:
            # UTC, as clock.now() promises: the audit hash covers ``at.isoformat()``, and a
            # +07:00 instant would no longer match once read back from the database as UTC.
            when = (self.anchor + event.at).astimezone(UTC)
            with clock.frozen_at(when):
                self.handlers[type(event)](event, when)
        # One hash for every demo user: hashing ~120 passwords would take most of a minute.
        User.objects.filter(pk__in=self.state.users).update(
            password=make_password(DEMO_PASSWORD))

    def _backdate_user(self, membership: Membership, when: datetime) -> None:
        User.objects.filter(pk=membership.user_id).update(date_joined=when)
        self.state.users.append(membership.user_id)

    # -- organisations ------------------------------------------------------------------

    def create_admin(self, event: CreateAdmin, when: datetime) -> None:
        admin = User.objects.create_superuser(ADMIN_EMAIL, None, full_name=ADMIN_NAME,
                                              privacy_consent_at=when, date_joined=when)
        self.state.admin = admin
        self.state.users.append(admin.pk)

    def sign_up(self, event: SignUp, when: datetime) -> None:
        spec = self.orgs[event.org]
        membership = signup(email=spec.email, password=None, full_name=spec.full_name,
                            org_name=spec.name, kind=spec.kind, buyer_kind=spec.buyer_kind,
                            consent=True)
        organisation = membership.organisation
        organisation.created_at = when
        organisation.bumn_cluster = spec.cluster
        organisation.parent = self.state.members[spec.parent].organisation if spec.parent else None
        Organisation.objects.filter(pk=organisation.pk).update(
            created_at=when, bumn_cluster=spec.cluster, parent=organisation.parent)
        membership.role = spec.role
        membership.province_id = spec.province or None
        Membership.objects.filter(pk=membership.pk).update(role=spec.role,
                                                           province_id=spec.province or None)
        self._backdate_user(membership, when)
        self.state.members[spec.key] = membership

    def approve(self, event: Approve, when: datetime) -> None:
        organisation_decide(organisation=self.state.members[event.org].organisation,
                            approve=True, by=self.state.admin)

    # -- suppliers ----------------------------------------------------------------------

    def import_suppliers(self, event: ImportSuppliers, when: datetime) -> None:
        bulk = [s for s in self.plan.smes if not s.email]
        organisations = Organisation.objects.bulk_create(
            [Organisation(name=s.name, kind=OrgKind.SME, status=OrgStatus.APPROVED)
             for s in bulk], batch_size=500)
        profiles = []
        for spec, organisation in zip(bulk, organisations, strict=True):
            decision = decide_scale(annual_sales=spec.annual_sales,
                                    business_capital=spec.business_capital)
            profiles.append(SupplierProfile(
                organisation=organisation, name=spec.name, legal_form=spec.legal_form,
                nib=spec.nib, regency_id=spec.regency, description=spec.description,
                annual_sales=spec.annual_sales, business_capital=spec.business_capital,
                scale=decision.scale, scale_rule=decision.rule,
                search_text=search_text_for(name=spec.name, description=spec.description,
                                            products=[name for name, _unit in spec.products]),
                status=ProfileStatus.PUBLISHED if spec.published else ProfileStatus.DRAFT))
        SupplierProfile.objects.bulk_create(profiles, batch_size=500)
        Product.objects.bulk_create(
            [Product(supplier=p, name=name, unit=unit)
             for spec, p in zip(bulk, profiles, strict=True) for name, unit in spec.products],
            batch_size=1000)
        link = SupplierProfile.kbli.through
        link.objects.bulk_create(
            [link(supplierprofile_id=p.pk, kbli_id=code)
             for spec, p in zip(bulk, profiles, strict=True) for code in spec.kbli],
            batch_size=1000)
        # auto_now_add stamped the real time; the import happened at the planned moment.
        for chunk in _chunks([o.pk for o in organisations]):
            Organisation.objects.filter(pk__in=chunk).update(created_at=when)
        for chunk in _chunks([p.pk for p in profiles]):
            SupplierProfile.objects.filter(pk__in=chunk).update(created_at=when, updated_at=when)
        for spec, profile in zip(bulk, profiles, strict=True):
            self.state.profiles[spec.key] = profile.pk
        audit_append(
            action="demo.seed_suppliers", obj=profiles[0], actor=self.state.admin,
            payload={"count": len(profiles),
                     "published": sum(s.published for s in bulk),
                     "provinces": len({place(s.regency).province for s in bulk}),
                     "first_id": profiles[0].pk, "last_id": profiles[-1].pk,
                     "seed": self.plan.seed})

    def join_sme(self, event: JoinSme, when: datetime) -> None:
        spec = self.smes[event.sme]
        details = FEATURED_DETAILS.get(spec.key)
        membership = signup(email=spec.email, password=None, full_name=spec.owner,
                            org_name=spec.name, kind=OrgKind.SME, consent=True)
        profile = profile_save(
            by=membership, name=spec.name, legal_form=spec.legal_form, nib=spec.nib,
            regency_code=spec.regency, kbli_codes=list(spec.kbli),
            products=[name for name, _unit in spec.products], description=spec.description,
            annual_sales=spec.annual_sales, business_capital=spec.business_capital,
            workforce=details.workforce if details else None,
            address=details.address if details else "",
            contact_name=spec.owner if details else "", contact_phone=details.phone if details else "",
            contact_email=spec.email if details else "")
        units = dict(spec.products)
        products = list(profile.products.all())
        for product in products:  # the profile form has no unit field yet
            product.unit = units.get(product.name, "")
        Product.objects.bulk_update(products, ["unit"])
        if details:
            self._fill_in(membership, profile, details, _local_date(when))
        profile_set_published(profile=profile, by=membership, published=True)
        Organisation.objects.filter(pk=membership.organisation_id).update(created_at=when)
        SupplierProfile.objects.filter(pk=profile.pk).update(created_at=when, updated_at=when)
        self._backdate_user(membership, when)
        self.state.members[spec.key] = membership
        self.state.profiles[spec.key] = profile.pk

    @staticmethod
    def _fill_in(membership: Membership, profile: SupplierProfile, details: ProfileDetails,
                 today: date) -> None:
        """Product details, capabilities and certificates, through the owner's own services."""
        products = {p.name: p for p in profile.products.all()}
        for name, capacity, low, high in details.products:
            product = products[name]
            product_update(by=membership, product=product, unit=product.unit,
                           monthly_capacity=Decimal(capacity), price_min=low, price_max=high,
                           minimum_order=Decimal(max(1, capacity // 100)), lead_time_days=21)
        for process, material, weight in details.capabilities:
            capability_add(by=membership, profile=profile, process=process, material=material,
                           max_part_weight_kg=Decimal(weight) if weight else None)
        for kind, number, issuer, product in details.certificates:
            covered = {products[product].pk: Decimal("43.5") if kind == "tkdn_ik" else None
                       } if product else {}
            certificate_add(by=membership, profile=profile, kind=kind, number=number,
                            issuer=issuer, valid_from=today - timedelta(days=120),
                            valid_until=today + timedelta(days=4 * 365), products=covered)

    def request_verification(self, event: RequestVerification, when: datetime) -> None:
        verification_request(by=self.state.members[event.sme],
                             profile=SupplierProfile.objects.get(pk=self.state.profiles[event.sme]))

    def decide_verification(self, event: DecideVerification, when: datetime) -> None:
        verification_decide(by=self.state.members[event.agency],
                            profile=SupplierProfile.objects.get(pk=self.state.profiles[event.sme]),
                            verified=event.verified, note=event.note)

    # -- procurement --------------------------------------------------------------------

    def post_need(self, event: PostNeed, when: datetime) -> None:
        spec = self.need_specs[event.need]
        deadline = (self.anchor + spec.deadline).astimezone(UTC)
        need = sourcing.need_create(
            by=self.state.members[spec.buyer], title=spec.title, description=spec.description,
            kbli_codes=list(spec.kbli), quantity=Decimal(spec.quantity), unit=spec.unit,
            delivery_regency_code=spec.regency, quote_deadline=deadline,
            delivery_date=_local_date(deadline) + timedelta(days=spec.delivery_days),
            estimated_value=spec.estimated_value, is_open=spec.is_open, publish=spec.publish)
        self.state.needs[spec.key] = need
        self.state.lines[spec.key] = need.lines.get().pk

    def _buyer(self, need_key: str) -> Membership:
        return self.state.members[self.need_specs[need_key].buyer]

    def invite(self, event: Invite, when: datetime) -> None:
        sourcing.invitations_create(
            need=self.state.needs[event.need], by=self._buyer(event.need),
            supplier_ids=[self.state.profiles[k] for k in event.smes])

    def submit_quote(self, event: SubmitQuote, when: datetime) -> None:
        quote = sourcing.quote_submit(
            need=self.state.needs[event.need], by=self.state.members[event.sme],
            unit_prices={self.state.lines[event.need]: event.unit_price},
            lead_time_days=event.lead_time_days, note=event.note)
        self.state.quotes[(event.need, event.sme)] = quote

    def award(self, event: Award, when: datetime) -> None:
        self.state.orders[event.need] = sourcing.award_create(
            need=self.state.needs[event.need], quote=self.state.quotes[(event.need, event.sme)],
            by=self._buyer(event.need), reason=event.reason)
        self.state.winners[event.need] = event.sme

    def accept(self, event: Accept, when: datetime) -> None:
        sourcing.order_accept(order=self.state.orders[event.need],
                              by=self.state.members[self.state.winners[event.need]])

    def deliver(self, event: Deliver, when: datetime) -> None:
        delivery = sourcing.delivery_confirm(
            order=self.state.orders[event.need], by=self._buyer(event.need),
            delivered_on=_local_date(when), quantity_accepted=Decimal(event.accepted),
            quantity_rejected=Decimal(event.rejected), note=event.note)
        if delivery.value > 0:  # the SME invoices the hand-over at once
            sourcing.invoice_create(delivery=delivery,
                                    by=self.state.members[self.state.winners[event.need]])

    def pay(self, event: Pay, when: datetime) -> None:
        sourcing.payment_record(order=self.state.orders[event.need], by=self._buyer(event.need),
                                amount=event.amount, paid_on=_local_date(when),
                                reference=event.reference)

    def rate(self, event: Rate, when: datetime) -> None:
        rating_create(order=self.state.orders[event.need], by=self._buyer(event.need),
                      quality=event.quality, timeliness=event.timeliness,
                      communication=event.communication, comment=event.comment)
