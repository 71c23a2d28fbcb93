"""The demo's partnership forums, built through the real forum services while the year of
procurement is replayed: ``ForumWriter`` (used by ``seed_demo``) is the demo ``Writer`` with
the forum's steps interleaved at their moments, so the audit log stays in time order.

- A past forum in the style of 24 Nov 2022: 18 BUMN and large businesses with 2–10 tables,
  16 slots of 20 minutes with a lunch break, a few hundred SMEs from many provinces with 1–5
  requests each (popular buyers oversubscribed), the schedule computed by the worker's job
  handler, check-in with no-shows, outcomes with potential value, follow-up RFQs that went
  on to orders and payments (the pairing ledger), and follow-ups three months later.
- An upcoming forum, open for registration, so a demo SME can register and ask live.

Deterministic (one ``random.Random``); bulk writes where the services would only repeat
one audit entry per row (registrations and imported requests get one entry each, as an
organiser's list import does).
"""

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count

from rantai.accounts.models import Membership
from rantai.core import clock
from rantai.core.audit import audit_append
from rantai.core.timezones import zoneinfo
from rantai.forums import scheduling, services
from rantai.forums.choices import Attendance, Priority, RequestStatus, Side
from rantai.forums.models import Event, MeetingRequest, Registration
from rantai.jobs.worker import claim, run_job
from rantai.sourcing import services as sourcing
from rantai.suppliers.choices import ProfileStatus
from rantai.suppliers.models import SupplierProfile

from .organisations import BUYER_BY_KEY, ORGANISER
from .writer import Writer

WIB = zoneinfo("Asia/Jakarta")
PAST_FORUM_DAY = -360  # days before the anchor
UPCOMING_FORUM_DAY = 30
FORUM_SMES = 320

# Buyer key → (tables, what it looks for at the forum, KBLI codes, estimated value in Rp).
FORUM_BUYERS: dict[str, tuple[int, str, tuple[str, ...], int]] = {
    "inka": (
        10,
        "Komponen mesin dan suku cadang kereta",
        ("30200", "28140", "24310", "25920"),
        60_000_000_000,
    ),
    "pindad": (
        6,
        "Komponen logam presisi dan alat pelindung diri",
        ("25920", "32904", "25952"),
        18_000_000_000,
    ),
    "krakatausteel": (
        6,
        "Suku cadang mesin dan reparasi mesin industri",
        ("33122", "28140", "24320"),
        15_000_000_000,
    ),
    "pln": (
        8,
        "Perlengkapan kabel, panel listrik dan lampu LED",
        ("27330", "27120", "27404"),
        25_000_000_000,
    ),
    "pertamina": (6, "Alat pelindung diri dan seragam kerja", ("32904", "14120", "15203"), 12_000_000_000),
    "bulog": (5, "Karung dan kemasan beras", ("13926", "22220", "17022"), 10_000_000_000),
    "kimiafarma": (4, "Jamu, minyak atsiri dan kemasan", ("21022", "20294", "22220"), 6_000_000_000),
    "biofarma": (3, "Kemasan karton dan barang plastik medis", ("17022", "22299"), 4_000_000_000),
    "perhutani": (3, "Mebel kayu dan kerajinan kayu", ("31001", "16293", "16230"), 3_000_000_000),
    "rni": (3, "Gula merah dan makanan olahan", ("10722", "10750", "10794"), 3_500_000_000),
    "ppi": (3, "Produk pangan olahan untuk ekspor", ("10794", "10761", "10772"), 4_500_000_000),
    "berdikari": (2, "Olahan daging dan pakan ternak", ("10130", "10802"), 2_500_000_000),
    "garam": (2, "Pengolahan garam dan kemasan", ("10774", "22220"), 1_500_000_000),
    "perinus": (3, "Olahan ikan", ("10219", "10211", "10216"), 3_000_000_000),
    "shs": (2, "Mesin pertanian dan alat pertanian", ("28210", "25931"), 2_000_000_000),
    "ptpn3": (
        3,
        "Reparasi mesin dan suku cadang pabrik kelapa sawit",
        ("33121", "28140", "25111"),
        5_000_000_000,
    ),
    "lulu": (
        4,
        "Kerajinan, batik dan makanan ringan untuk ritel",
        ("13134", "32903", "10794", "16291"),
        3_000_000_000,
    ),
    "gramedia": (2, "Percetakan dan suvenir", ("18111", "32903"), 1_200_000_000),
}


def _member(email: str) -> Membership:
    return Membership.objects.select_related("organisation", "user").get(user__email=email)


def _buyer(key: str) -> Membership:
    return _member(BUYER_BY_KEY[key].email)






@dataclass(frozen=True)
class ForumStep:
    """One forum step of the replay, at ``at`` from the anchor (like the plan's events)."""

    at: timedelta
    action: str


def _when(day: int, hour: int, minute: int = 0) -> timedelta:
    return timedelta(days=day, hours=hour, minutes=minute)


D = PAST_FORUM_DAY
STEPS_PLAN = (
    ForumStep(_when(D - 45, 10), "create"),
    ForumStep(_when(D - 44, 10), "buyers"),
    ForumStep(_when(D - 20, 10), "register"),
    ForumStep(_when(D - 3, 15), "schedule"),
    ForumStep(_when(D, 8, 30), "check_in"),
    ForumStep(_when(D, 17), "no_shows"),
    ForumStep(_when(D, 18), "outcomes"),
    ForumStep(_when(D + 3, 11), "quotes"),
    ForumStep(_when(D + 16, 10), "awards"),
    ForumStep(_when(D + 17, 9), "accept"),
    ForumStep(_when(D + 45, 14), "deliver"),
    ForumStep(_when(D + 70, 10), "pay"),
    ForumStep(_when(D + 90, 10), "follow_ups"),
    ForumStep(_when(-5, 10), "upcoming"),
    ForumStep(_when(-2, 10), "upcoming_requests"),
)


class ForumWriter(Writer):
    """The demo ``Writer`` with the forum steps interleaved at their moments, so the audit
    log stays in time order."""

    def __init__(self, plan, anchor: datetime, seed: int = 20221124):
        events = sorted((*plan.events, *STEPS_PLAN), key=lambda e: e.at)
        super().__init__(replace(plan, events=tuple(events)), anchor)
        self.handlers[ForumStep] = self.forum_step
        self.rng = random.Random(seed)
        self.forum: Event | None = None
        self.upcoming: Event | None = None
        self.run_row = None
        self.absent: set[int] = set()
        self.rfqs: list = []
        self.orders: dict[int, object] = {}

    def forum_step(self, step: ForumStep, when: datetime) -> None:
        getattr(self, f"_step_{step.action}")(anchor=self.anchor)

    @property
    def organiser(self) -> Membership:
        return _member(ORGANISER.email)

    def _step_create(self, anchor):
        day = (anchor.astimezone(WIB) + timedelta(days=PAST_FORUM_DAY)).date()
        self.forum = _create(self.organiser, day, "Forum Kemitraan UKM/IKM dengan BUMN dan Usaha Besar")

    def _step_buyers(self, anchor):
        _seat_buyers(self.forum, self.organiser, list(FORUM_BUYERS), self.rng)

    def _step_register(self, anchor):
        event, now = self.forum, clock.now()
        registrations = Registration.objects.bulk_create(
            [
                Registration(
                    event=event,
                    supplier=s,
                    created_at=now,
                    available_slots=None
                    if self.rng.random() > 0.4
                    else sorted(self.rng.sample(range(16), self.rng.randint(6, 14))),
                )
                for s in _participants(self.rng, FORUM_SMES)
            ]
        )
        _requests(self.rng, event, registrations, now)
        audit_append(
            action="forum.import",
            obj=event,
            actor=self.organiser.user,
            organisation_id=self.organiser.organisation_id,
            payload={"kind": "umkm+permintaan", "rows": len(registrations), "file": "demo"},
        )

    def _step_schedule(self, anchor):
        run = scheduling.schedule_enqueue(
            event=self.forum, by=self.organiser, everyone_meets=True, time_limit_s=5
        )
        run_job(*claim(job_id=run.job_id))
        run.refresh_from_db()
        scheduling.schedule_publish(run=run, by=self.organiser)
        self.run_row = run

    def _meetings(self):
        return list(
            self.run_row.meetings.select_related(
                "registration__supplier__organisation", "seat__organisation", "run__event"
            ).order_by("id")
        )

    def _step_check_in(self, anchor):
        registrations = list(self.forum.registrations.select_related("supplier", "event").order_by("id"))
        self.absent = {r.pk for r in registrations if self.rng.random() < 0.08}
        for registration in registrations:
            if registration.pk not in self.absent:
                services.check_in(registration=registration, by=self.organiser)

    def _step_no_shows(self, anchor):
        for meeting in self._meetings():
            if meeting.registration_id in self.absent:
                services.attendance_set(meeting=meeting, by=self.organiser, status=Attendance.NO_SHOW)

    def _step_outcomes(self, anchor):
        self.rfqs = _outcomes(self.rng, self._meetings(), self.absent)

    def _sme(self, meeting) -> Membership:
        return (
            Membership.objects.select_related("organisation", "user")
            .filter(organisation_id=meeting.registration.supplier.organisation_id)
            .order_by("id")
            .first()
        )

    def _step_quotes(self, anchor):
        self.quotes = {}
        for meeting, outcome in self.rfqs:
            need = outcome.need
            self.quotes[need.pk] = sourcing.quote_submit(
                need=need,
                by=self._sme(meeting),
                unit_prices={need.lines.get().pk: self.rng.choice([45_000, 120_000, 350_000, 1_250_000])},
                lead_time_days=self.rng.choice([14, 21, 30]),
            )

    def _won(self):
        return [(m, o) for n, (m, o) in enumerate(self.rfqs) if n % 3 != 2]  # a third still negotiate

    def _step_awards(self, anchor):
        for meeting, outcome in self._won():
            self.orders[outcome.need_id] = sourcing.award_create(
                need=outcome.need,
                quote=self.quotes[outcome.need_id],
                by=_buyer_for(meeting),
                reason="Tindak lanjut forum kemitraan",
            )

    def _step_accept(self, anchor):
        for meeting, outcome in self._won():
            sourcing.order_accept(order=self.orders[outcome.need_id], by=self._sme(meeting))

    def _step_deliver(self, anchor):
        """The buyer confirms the BAST and the SME invoices it the same day."""
        for meeting, outcome in self._won():
            delivery = sourcing.delivery_confirm(
                order=self.orders[outcome.need_id],
                by=_buyer_for(meeting),
                delivered_on=clock.now().astimezone(WIB).date(),
                quantity_accepted=outcome.need.lines.get().quantity,
            )
            sourcing.invoice_create(delivery=delivery, by=self._sme(meeting))

    def _step_pay(self, anchor):
        for meeting, outcome in self._won():
            order = self.orders[outcome.need_id]
            order.refresh_from_db()
            sourcing.payment_record(
                order=order,
                by=_buyer_for(meeting),
                amount=order.payable_amount,
                paid_on=clock.now().astimezone(WIB).date(),
                reference=f"TRF-FORUM-{order.pk:05d}",
            )

    def _step_follow_ups(self, anchor):
        for meeting, outcome in self.rfqs:
            services.follow_up_record(
                meeting=meeting,
                by=self.organiser,
                months=3,
                negotiation_started=True,
                order_placed=outcome.need_id in self.orders,
            )

    def _step_upcoming(self, anchor):
        day = (anchor.astimezone(WIB) + timedelta(days=UPCOMING_FORUM_DAY)).date()
        self.upcoming = _create(self.organiser, day, f"Forum Kemitraan UKM/IKM {day.year}")
        _seat_buyers(
            self.upcoming,
            self.organiser,
            ["inka", "pindad", "pln", "krakatausteel", "pertamina", "bulog", "lulu"],
            self.rng,
        )

    def _step_upcoming_requests(self, anchor):
        """A few SMEs registered already; one asked INKA and waits for its answer."""
        event = self.upcoming
        others = [p for p in _participants(self.rng, 0) if p.name != "CV Baja Kurnia"][:3]
        for profile in others:
            services.registration_save(event=event, by=_member_of(profile.organisation_id))
        first = event.registrations.select_related("supplier").order_by("id").first()
        services.request_create(
            event=event,
            by=_member_of(first.supplier.organisation_id),
            registration=first,
            seat=event.seats.get(organisation_id=_buyer("inka").organisation_id),
            priority=Priority.MUST,
        )


def _member_of(organisation_id: int) -> Membership:
    return (
        Membership.objects.select_related("organisation", "user")
        .filter(organisation_id=organisation_id)
        .order_by("id")
        .first()
    )


def _create(organiser, day: date, title: str) -> Event:
    return services.event_create(
        by=organiser,
        title=title,
        date=day,
        start=time(9, 0),
        slot_minutes=20,
        slot_count=16,
        breaks={8: 60},
        venue="Kementerian Perindustrian, Jl. Gatot Subroto, Jakarta",
        regency_code="31.71",
        description="Forum Kemitraan UKM/IKM dengan BUMN dan Usaha Besar: konsultasi bisnis satu lawan "
        "satu, 20 menit per sesi.",
    )


def _seat_buyers(event: Event, organiser, keys, rng: random.Random) -> None:
    for n, key in enumerate(keys):
        tables, title, kbli, value = FORUM_BUYERS[key]
        # 30% of buyers only come for part of the day
        slots = None if rng.random() > 0.3 else list(range(rng.choice([0, 4]), rng.choice([12, 16])))
        buyer = _buyer(key)
        services.seat_save(
            event=event,
            by=organiser,
            buyer_id=buyer.organisation_id,
            tables=tables,
            available_slots=slots,
            location=f"Hall {'AB'[n % 2]}",
        )
        services.event_need_add(
            event=event, by=buyer, title=title, kbli_codes=list(kbli), estimated_value=value
        )
    services.event_open(event=event, by=organiser)


def _participants(rng: random.Random, count: int) -> list[SupplierProfile]:
    """Every SME with a login (they can act in the demo) plus published imported ones,
    spread over the registry."""
    published = (
        SupplierProfile.objects.filter(status=ProfileStatus.PUBLISHED)
        .annotate(members=Count("organisation__memberships"))
        .order_by("pk")
    )
    with_login = [p for p in published if p.members]
    rest = [p for p in published if not p.members]
    rng.shuffle(rest)
    return with_login + rest[: max(0, count - len(with_login))]


def _requests(rng: random.Random, event: Event, registrations, when: datetime) -> None:
    """1–5 requests per SME: buyers whose KBLI fits the SME first, then Zipf-like popularity."""
    seats = list(event.seats.select_related("organisation").prefetch_related("needs").order_by("id"))
    popularity = [1 / (rank + 1) ** 0.8 for rank in range(len(seats))]
    rows = []
    for registration in registrations:
        codes = set(registration.supplier.kbli.values_list("code", flat=True))
        fitting = [s for s in seats if any(codes & set(n.kbli_codes) for n in s.needs.all())]
        wanted = list(dict.fromkeys(fitting[:2] + rng.choices(seats, popularity, k=rng.randint(1, 4))))
        for seat in wanted[:5]:
            priority = Priority.MUST if seat in fitting else rng.choice([Priority.WANT, Priority.MAYBE])
            rows.append(
                MeetingRequest(
                    event=event,
                    registration=registration,
                    seat=seat,
                    priority=priority,
                    initiated_by=Side.ORGANISER,
                    status=RequestStatus.ACCEPTED,
                    created_at=when,
                    decided_at=when,
                )
            )
    MeetingRequest.objects.bulk_create(rows)


STEPS = ["deal", "rfq", "sample", "visit", "not_yet"]
REASONS = ["quality", "price", "capacity", "certification", "timing"]
FORUM_BUYERS_VALUE = {BUYER_BY_KEY[key].name: spec[3] for key, spec in FORUM_BUYERS.items()}


def _outcomes(rng: random.Random, meetings, absent: set[int]) -> list:
    """Buyers record three in four meetings; follow-up RFQs only for SMEs with a login (they
    can quote in the demo). Returns [(meeting, outcome)] of the RFQs."""
    with_login = set(
        Membership.objects.filter(organisation__kind="sme").values_list("organisation_id", flat=True)
    )
    rfqs = []
    for meeting in meetings:
        if meeting.registration_id in absent or rng.random() > 0.75:
            continue
        supplier = meeting.registration.supplier
        step = rng.choices(STEPS, [2, 3, 3, 2, 3])[0]
        if step == "rfq" and not (supplier.organisation_id in with_login and supplier.claimed):
            step = "sample"
        value = FORUM_BUYERS_VALUE.get(meeting.seat.organisation.name, 1_000_000_000)
        potential = 0 if step == "not_yet" else int(rng.uniform(0.002, 0.02) * value) // 1_000_000 * 1_000_000
        extra = (
            {"rfq_quantity": Decimal(rng.choice([100, 200, 500, 1000])), "rfq_unit": "buah"}
            if step == "rfq"
            else {}
        )
        need = meeting.seat.needs.first()
        outcome = services.outcome_record(
            meeting=meeting,
            by=_buyer_for(meeting),
            interest="high" if step in ("deal", "rfq") else rng.choice(["medium", "low"]),
            next_step=step,
            reason=rng.choice(REASONS) if step == "not_yet" else "",
            products=need.title if need else "",
            potential_value=potential,
            **extra,
        )
        if outcome.need_id:
            rfqs.append((meeting, outcome))
    return rfqs


def _buyer_for(meeting) -> Membership:
    return _member_of(meeting.seat.organisation_id)
