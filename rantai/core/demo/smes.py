"""The SME population: featured SMEs, active suppliers with logins, and the bulk.

``generate_smes`` is pure: given a ``random.Random`` in a known state it returns the same
list. Order matters and is part of the contract: featured SMEs first, then the *active*
suppliers (two per KBLI code that buyers procure, so every need can get quotes), then one
SME for each province not yet covered, then the population-weighted rest.
"""
import math
import random
from bisect import bisect
from itertools import accumulate

from rantai.suppliers.choices import LegalForm, Scale

from .names import business_name, email_local, person
from .organisations import DOMAIN, FEATURED_SMES
from .plan import SmeSpec
from .regions import Place, place, places
from .sectors import LINES, SECTOR_OF, SECTORS, SPECIALITIES, ProductLine

ACTIVE_PER_KBLI = 2

# Shares of each scale among SMEs (PP 7/2021 by annual sales); suppliers that already sell
# to BUMN skew larger than the IKM population.
SCALE_SHARES = {"bulk": ((Scale.MICRO, 0.72), (Scale.SMALL, 0.23), (Scale.MEDIUM, 0.05)),
                "active": ((Scale.MICRO, 0.40), (Scale.SMALL, 0.48), (Scale.MEDIUM, 0.12))}
SALES_RANGES = {Scale.MICRO: (60_000_000, 1_950_000_000),
                Scale.SMALL: (2_100_000_000, 14_500_000_000),
                Scale.MEDIUM: (15_500_000_000, 48_000_000_000)}
LEGAL_FORMS = {
    Scale.MICRO: ((LegalForm.PERORANGAN, 0.45), (LegalForm.UD, 0.28), (LegalForm.CV, 0.17),
                  (LegalForm.KOPERASI, 0.08), (LegalForm.PT, 0.02)),
    Scale.SMALL: ((LegalForm.CV, 0.40), (LegalForm.UD, 0.20), (LegalForm.PT, 0.20),
                  (LegalForm.KOPERASI, 0.12), (LegalForm.PERORANGAN, 0.08)),
    Scale.MEDIUM: ((LegalForm.PT, 0.55), (LegalForm.CV, 0.30), (LegalForm.KOPERASI, 0.15)),
}
WORKERS = {Scale.MICRO: (1, 9), Scale.SMALL: (10, 49), Scale.MEDIUM: (50, 180)}
CREDENTIALS = {"food": "Bersertifikat halal dan PIRT.",
               "metal": "Memiliki sertifikat TKDN-IK.",
               "fashion": "Melayani pesanan seragam korporasi.",
               "craft": "Produk pernah dipamerkan di INACRAFT."}
DRAFT_SHARE = 0.04


def _pick(rng: random.Random, weighted) -> object:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


class _Pool:
    """Accumulates SMEs while keeping names, NIBs and emails unique."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.smes: list[SmeSpec] = []
        self.names: set[str] = set()
        self.nibs: set[str] = set()
        self.emails: set[str] = set()
        everywhere = places()
        self.places = everywhere
        self.cum_population = list(accumulate(p.population for p in everywhere))

    def weighted_place(self, province: str | None = None) -> Place:
        if province is None:
            point = self.rng.random() * self.cum_population[-1]
            return self.places[bisect(self.cum_population, point)]
        candidates = [p for p in self.places if p.province == province]
        return self.rng.choices(candidates, weights=[p.population for p in candidates])[0]

    def nib(self) -> str:
        while True:  # OSS NIBs are 13 digits; most issued since 2018 start like these
            nib = self.rng.choice(("812", "912", "120", "020")) + f"{self.rng.randrange(10**10):010d}"
            if nib not in self.nibs:
                self.nibs.add(nib)
                return nib

    def unique_name(self, name: str, where: Place) -> str:
        candidate = name
        if candidate in self.names:
            candidate = f"{name} {where.short_name}"
        counter = 2
        while candidate in self.names:
            candidate = f"{name} {where.short_name} {counter}"
            counter += 1
        self.names.add(candidate)
        return candidate

    def unique_email(self, local: str) -> str:
        email, counter = f"{local}@{DOMAIN}", 2
        while email in self.emails:
            email, counter = f"{local}{counter}@{DOMAIN}", counter + 1
        self.emails.add(email)
        return email

    def add_featured(self) -> None:
        for f in FEATURED_SMES:
            self.names.add(f.name)
            self.emails.add(f.email)
            self.smes.append(SmeSpec(
                key=f.key, name=f.name, legal_form=f.legal_form, nib=self.nib(),
                regency=f.regency, kbli=f.kbli, products=f.products, description=f.description,
                annual_sales=f.annual_sales, business_capital=f.business_capital,
                email=f.email, owner=f.owner))

    def add_random(self, *, where: Place | None = None, line: ProductLine | None = None,
                   active: bool = False) -> SmeSpec:
        rng = self.rng
        where = where or self.weighted_place()
        if line is None:
            speciality = SPECIALITIES.get(where.code)
            if speciality and rng.random() < 0.55:
                line = LINES[rng.choice(speciality)]
            else:
                sector = _pick(rng, [(s, s.weight) for s in SECTORS])
                line = rng.choice(sector.lines)
        sector = SECTOR_OF[line.kbli]
        scale = _pick(rng, SCALE_SHARES["active" if active else "bulk"])
        low, high = SALES_RANGES[scale]
        sales = round(math.exp(rng.uniform(math.log(low), math.log(high))), -6)
        capital = round(sales * rng.uniform(0.15, 0.6), -6)
        legal_form = _pick(rng, LEGAL_FORMS[scale])
        owner = person(rng, where.province)
        name = self.unique_name(
            business_name(rng, legal_form, line, sector.coop_kind, owner, where.province), where)
        kbli = (line.kbli,)
        if line.related and rng.random() < 0.3:
            kbli += (rng.choice(line.related),)
        products = tuple(rng.sample(line.products, rng.randint(1, min(4, len(line.products)))))
        workers = rng.randint(*WORKERS[scale])
        description = (f"{line.activity} di {where.name}. Berdiri sejak "
                       f"{rng.randint(1985, 2021)}, {workers} tenaga kerja.")
        if sector.key in CREDENTIALS and rng.random() < 0.4:
            description += " " + CREDENTIALS[sector.key]
        sme = SmeSpec(
            key=f"sme-{len(self.smes):04d}", name=name, legal_form=legal_form, nib=self.nib(),
            regency=where.code, kbli=kbli, products=products, description=description,
            annual_sales=int(sales), business_capital=int(capital),
            published=active or rng.random() >= DRAFT_SHARE,
            email=self.unique_email(email_local(name)) if active else "",
            owner=owner.full_name if active else "")
        self.smes.append(sme)
        return sme


def generate_smes(rng: random.Random, count: int, procured_kbli: list[str]) -> list[SmeSpec]:
    """At least ``count`` SMEs (more if the featured, active and one-per-province SMEs
    alone exceed it). ``procured_kbli`` lists the codes buyers procure, in a fixed order."""
    pool = _Pool(rng)
    pool.add_featured()
    for code in procured_kbli:
        line = LINES[code]
        homes = [c for c, lines in SPECIALITIES.items() if code in lines]
        for _ in range(ACTIVE_PER_KBLI):
            where = place(rng.choice(homes)) if homes and rng.random() < 0.6 else None
            pool.add_random(where=where, line=line, active=True)
    covered = {place(s.regency).province for s in pool.smes}
    for province in sorted({p.province for p in pool.places} - covered):
        pool.add_random(where=pool.weighted_place(province))
    while len(pool.smes) < count:
        pool.add_random()
    return pool.smes
