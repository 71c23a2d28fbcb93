"""A year of procurement as events: each need from posting to payment and rating.

Pure: a need's story is drawn from the caller's ``random.Random`` and returned as
``NeedSpec`` + events. Steps follow the real order and pace — invitations within the hour,
quotes before the deadline, the award days after it, BAST after the quoted lead time
(sometimes late), payment 10–60 days after BAST and sometimes much later (late payment is
a reported pain point) — and any step that would fall on or after the anchor is left out,
so recent needs stay awarded, delivered-but-unpaid or open.
"""
import random
from collections import Counter
from datetime import timedelta

from .needs import NEED_COUNTS, SCRIPTED, TEMPLATES, NeedTemplate, ScriptedNeed
from .organisations import BUYER_BY_KEY, FEATURED_SMES
from .plan import (
    Accept,
    Award,
    Deliver,
    Event,
    Invite,
    NeedSpec,
    Pay,
    PostNeed,
    Rate,
    SmeSpec,
    SubmitQuote,
)
from .regions import place

DEADLINE_HOUR = 15
FEATURED_KEYS = frozenset(f.key for f in FEATURED_SMES)
QUOTE_NOTES = ("", "", "Harga franco gudang pembeli.", "Termasuk sertifikat uji material.",
               "Dapat dikirim bertahap.", "Harga sudah termasuk PPN.")
REASON_PRICE = "Harga terendah dan memenuhi spesifikasi teknis."
REASON_LEAD = "Waktu pengerjaan tercepat dengan harga wajar; lulus evaluasi teknis."


def at(day: float, hour: int = 0, minute: int = 0) -> timedelta:
    """An offset from the anchor: ``day`` days (negative = past) plus a time of day."""
    return timedelta(days=day, hours=hour, minutes=minute)


def nice_price(value: float) -> int:
    """Round a unit price the way quotes are written (Rp 68.000, Rp 5.650.000)."""
    step = 10_000 if value >= 1_000_000 else 1_000 if value >= 100_000 else (
        500 if value >= 10_000 else 50)
    return max(step, int(round(value / step)) * step)


def procured_kbli() -> list[str]:
    """The KBLI codes suppliers must hold for the needs in the plan, in a fixed order."""
    codes = [t.kbli[0] for key in NEED_COUNTS for t in TEMPLATES[key]]
    codes += [s.kbli[0] for s in SCRIPTED]
    return list(dict.fromkeys(codes))


def _description(title: str, spec: str, regency: str) -> str:
    text = f"{title}. " + (f"{spec} " if spec else "")
    return text + (f"Dikirim ke {place(regency).name}. Mengutamakan produk dalam negeri "
                   f"(TKDN ≥ 25%) dan UMKM.")


def _rating(rng: random.Random, late_days: int, rejected: bool) -> tuple[int, int, int, str]:
    quality = 3 if rejected else rng.choice((4, 5, 5))
    timeliness = 5 if late_days <= 0 else 4 if late_days <= 5 else 3 if late_days <= 10 else 2
    communication = rng.choice((3, 4, 4, 5, 5))
    if rejected:
        comment = "Sebagian barang ditolak saat pemeriksaan; kendali mutu perlu diperbaiki."
    elif late_days > 5:
        comment = f"Mutu baik, tetapi pengiriman terlambat {late_days} hari."
    else:
        comment = rng.choice(("Sesuai spesifikasi, pengiriman tepat waktu.",
                              "Mutu dan ketepatan waktu sangat baik.",
                              "Komunikasi responsif; dokumen pengiriman lengkap.",
                              "Sesuai contoh yang disetujui."))
    return quality, timeliness, communication, comment


class Story:
    """Builds needs and their events against one SME population."""

    def __init__(self, rng: random.Random, smes: list[SmeSpec]):
        self.rng = rng
        self.published: dict[str, list[SmeSpec]] = {}
        self.active: dict[str, list[SmeSpec]] = {}
        for sme in smes:
            for code in sme.kbli:
                if sme.published:
                    self.published.setdefault(code, []).append(sme)
                if sme.email:
                    self.active.setdefault(code, []).append(sme)
        self.needs: list[NeedSpec] = []
        self.events: list[Event] = []

    # -- shared steps -----------------------------------------------------------------

    def _candidates(self, index: dict, kbli: tuple[str, ...], exclude: set[str]) -> list:
        seen: dict[str, SmeSpec] = {}
        for code in kbli:
            for sme in index.get(code, []):
                if sme.key not in exclude:
                    seen.setdefault(sme.key, sme)
        return list(seen.values())

    def _fill(self, wanted: tuple[str, ...], index: dict, kbli, exclude: set[str]) -> list[str]:
        """Keys as given; each ``"*"`` becomes a different matching SME not in ``exclude``."""
        chosen = [k for k in wanted if k != "*"]
        pool = self._candidates(index, kbli, exclude | set(chosen))
        stars = min(wanted.count("*"), len(pool))
        return chosen + [s.key for s in self.rng.sample(pool, stars)]

    def _post(self, need: NeedSpec, created: timedelta, invited: list[str]) -> None:
        self.needs.append(need)
        self.events.append(PostNeed(created, need.key))
        if invited and need.publish:
            self.events.append(Invite(created + timedelta(minutes=30), need.key,
                                      tuple(invited)))

    def _quote_times(self, start: timedelta, end: timedelta, n: int) -> list[timedelta]:
        span = max((end - start).total_seconds() // 300, 1)
        return sorted(start + timedelta(minutes=5 * self.rng.randint(0, int(span)))
                      for _ in range(n))

    def _after_award(self, need: NeedSpec, award_at: timedelta, lead: int,
                     bast_day: int, paid_days: list[int], total: int,
                     rating: tuple | None) -> None:
        """Accept, BAST, payments (day offsets from the anchor) and rating."""
        accept = award_at + at(1 + self.rng.randint(0, 1), 0, 90)
        bast = at(bast_day, 10, 5 * self.rng.randint(0, 60))
        rejected = 0
        note = "Diterima lengkap sesuai spesifikasi."
        if rating is None and self.rng.random() < 0.12:
            rejected = max(1, need.quantity * self.rng.randint(1, 4) // 100)
            note = (f"{rejected} {need.unit} ditolak (cacat permukaan/dimensi di luar "
                    f"toleransi); hanya barang yang diterima yang dibayar.")
            # BAST sets the payable amount to the accepted quantity at the quoted unit
            # price; quantities and unit prices are whole numbers, so this is exact.
            total = total * (need.quantity - rejected) // need.quantity
        events: list[Event] = [Accept(accept, need.key), Deliver(bast, need.key,
                                                                 need.quantity - rejected,
                                                                 rejected, note)]
        parts = [total] if len(paid_days) == 1 else []
        if len(paid_days) == 2:  # paid in two instalments
            first = total * self.rng.randint(40, 60) // 100
            parts = [first, total - first]
        for n, (day, amount) in enumerate(zip(paid_days, parts, strict=True), start=1):
            events.append(Pay(at(day, 14, 5 * self.rng.randint(0, 24)), need.key, amount,
                              f"TRF-{need.key.upper()}-{n}"))
        if rating is None and self.rng.random() < 0.75:
            late = bast_day - (accept.days + lead)
            rating = _rating(self.rng, late, bool(rejected))
        if rating is not None:
            day = bast_day + self.rng.randint(1, 6)
            events.append(Rate(at(day, 11), need.key, *rating))
        self.events.extend(e for e in events if e.at < timedelta(0))

    # -- generated needs --------------------------------------------------------------

    def generated(self) -> None:
        rng = self.rng
        for buyer_key, count in NEED_COUNTS.items():
            templates = list(TEMPLATES[buyer_key])
            rng.shuffle(templates)
            days = sorted(-rng.randint(25, 360) for _ in range(count))
            titles: Counter = Counter()
            for i, day in enumerate(days):
                self._generated_need(buyer_key, i, day, templates[i % len(templates)], titles)

    def _generated_need(self, buyer_key: str, i: int, day: int, t: NeedTemplate,
                        titles: Counter) -> None:
        rng = self.rng
        buyer = BUYER_BY_KEY[buyer_key]
        titles[t.title] += 1
        title = t.title if titles[t.title] == 1 else f"{t.title} (tahap {titles[t.title]})"
        regency = rng.choice(buyer.regencies)
        quantity = rng.randint(*t.quantity)
        quantity = round(quantity, -2 if quantity >= 1000 else -1 if quantity >= 100 else 0)
        base = rng.uniform(*t.price)
        created = at(day, rng.randint(8, 11), 5 * rng.randint(0, 11))
        deadline = at(day + rng.randint(7, 14), DEADLINE_HOUR)
        need = NeedSpec(
            key=f"{buyer_key}-{i:02d}", buyer=buyer_key, title=title,
            description=_description(title, t.spec, regency), kbli=t.kbli, quantity=quantity,
            unit=t.unit, regency=regency, deadline=deadline,
            delivery_days=rng.choice((30, 45, 60)),
            estimated_value=max(1_000_000, round(quantity * base * 1.05, -6)),
            is_open=rng.random() < 0.2)
        quoters = self._fill(("*",) * rng.randint(2, 4), self.active, t.kbli, set())
        invited = quoters + self._fill(("*",) * rng.randint(1, 3), self.published, t.kbli,
                                       set(quoters))
        self._post(need, created, invited)
        prices: dict[str, int] = {}
        leads: dict[str, int] = {}
        for sme, when in zip(quoters, self._quote_times(created + at(0, 2), deadline - at(0, 2),
                                                        len(quoters)), strict=True):
            prices[sme] = nice_price(base * rng.uniform(0.88, 1.15))
            leads[sme] = rng.choice((14, 21, 30, 30, 45, 60))
            self.events.append(SubmitQuote(when, need.key, sme, prices[sme], leads[sme],
                                           rng.choice(QUOTE_NOTES)))
            if rng.random() < 0.1 and when + at(1) < deadline:  # a revised, sharper quote
                prices[sme] = nice_price(prices[sme] * 0.97)
                self.events.append(SubmitQuote(when + at(1), need.key, sme, prices[sme],
                                               leads[sme], "Revisi harga."))
        if not quoters:
            return
        if rng.random() < 0.8 or len(quoters) == 1:
            winner, reason = min(quoters, key=lambda k: (prices[k], k)), REASON_PRICE
        else:
            winner, reason = min(quoters, key=lambda k: (leads[k], prices[k], k)), REASON_LEAD
        award_at = deadline + at(rng.randint(1, 5), -DEADLINE_HOUR + rng.randint(9, 15))
        if award_at >= timedelta(0):
            return
        self.events.append(Award(award_at, need.key, winner, reason))
        accept_day = (award_at + at(1)).days
        bast_day = accept_day + leads[winner] + rng.randint(-5, 12)
        delay = (rng.randint(14, 35) if (r := rng.random()) < 0.55 else
                 rng.randint(36, 60) if r < 0.85 else rng.randint(61, 150))
        paid_days = [bast_day + delay]
        if rng.random() < 0.2:
            paid_days.append(paid_days[0] + rng.randint(10, 30))
        self._after_award(need, award_at, leads[winner], bast_day, paid_days,
                          quantity * prices[winner], None)

    # -- scripted needs ---------------------------------------------------------------

    def scripted(self) -> None:
        for s in SCRIPTED:
            self._scripted_need(s)

    def _scripted_need(self, s: ScriptedNeed) -> None:
        rng = self.rng
        regency = BUYER_BY_KEY[s.buyer].regencies[0]
        created = at(s.created_day, 9, 15)
        deadline = at(s.deadline_day, DEADLINE_HOUR)
        need = NeedSpec(
            key=s.key, buyer=s.buyer, title=s.title,
            description=_description(s.title, s.spec, regency), kbli=s.kbli,
            quantity=s.quantity, unit=s.unit, regency=regency, deadline=deadline,
            delivery_days=45, estimated_value=round(s.quantity * s.unit_price * 1.05, -6),
            is_open=s.is_open, publish=s.publish)
        # Generated suppliers fill the "*" slots: a featured SME takes part only where the
        # script names it (e.g. CV Baja Kurnia has not yet quoted INKA's open need).
        quoters = self._fill(s.quoters, self.active, s.kbli, FEATURED_KEYS)
        invited = self._fill(s.invited, self.published, s.kbli, FEATURED_KEYS | set(quoters))
        if not s.is_open:  # an invitation-only need: whoever quotes was invited
            invited += [k for k in quoters if k not in invited]
        self._post(need, created, invited)
        end = min(deadline, timedelta(0)) - at(0, 2)
        lead = (s.bast_day - s.award_day - 1) if s.bast_day and s.award_day else 30
        prices: dict[str, int] = {}
        for sme, when in zip(quoters, self._quote_times(created + at(0, 2), end, len(quoters)),
                             strict=True):
            factor = 1.0 if sme == s.winner else rng.uniform(1.03, 1.15)
            prices[sme] = nice_price(s.unit_price * factor)
            self.events.append(SubmitQuote(when, need.key, sme, prices[sme], lead,
                                           rng.choice(QUOTE_NOTES)))
        if s.award_day is None:
            return
        award_at = at(s.award_day, 10)
        self.events.append(Award(award_at, need.key, s.winner, s.reason))
        paid = [s.paid_day] if s.paid_day is not None else []
        self._after_award(need, award_at, lead, s.bast_day, paid,
                          s.quantity * prices[s.winner], s.rating)
