"""``build_plan``: the whole demo as a ``Plan``, from one seed, without a database."""
import random
from datetime import timedelta

from . import DEFAULT_SMES, DEMO_SEED
from .organisations import AGENCIES, BUYERS, FEATURED_SMES, ORGANISER, PENDING_BUYER
from .plan import (
    Approve,
    CreateAdmin,
    DecideVerification,
    Event,
    ImportSuppliers,
    JoinSme,
    Plan,
    RequestVerification,
    SignUp,
    SmeSpec,
)
from .regions import place
from .smes import generate_smes
from .timeline import Story, at, procured_kbli

PLATFORM_START = -440   # days before the anchor: the platform opens
SUPPLIER_IMPORT = -415  # the forum's SME registrations are imported
JOIN_WINDOW = (-410, -372)  # active suppliers sign up themselves


def _organisation_events(rng: random.Random, active_smes: list[str]) -> list[Event]:
    events: list[Event] = [CreateAdmin(at(PLATFORM_START, 8))]
    for i, org in enumerate((*AGENCIES, ORGANISER)):
        events.append(SignUp(at(PLATFORM_START + 1, 9 + i), org.key))
        events.append(Approve(at(PLATFORM_START + 2, 9, 10 * i), org.key))
    for i, org in enumerate(BUYERS):  # parents come before their units in BUYERS
        day = PLATFORM_START + 10 + i // 4
        events.append(SignUp(at(day, 9 + 2 * (i % 4), 5 * rng.randint(0, 11)), org.key))
        events.append(Approve(at(day + 1, 10, 5 * i), org.key))
    events.append(ImportSuppliers(at(SUPPLIER_IMPORT, 10)))
    first, last = JOIN_WINDOW
    for i, key in enumerate(active_smes):
        day = first + (last - first) * i // max(len(active_smes), 1)
        events.append(JoinSme(at(day, rng.randint(7, 20), 5 * rng.randint(0, 11)), key))
    events.append(SignUp(at(-2, 14, 10), PENDING_BUYER.key))
    return events


PROVINCIAL_VERIFIER = {"35": "disperindag.jatim"}  # else the ministry verifies
NATIONAL_VERIFIER = "kemenperin"
PENDING_PER_QUEUE = 3  # recent requests left waiting, in Jawa Timur and elsewhere
NEEDS_CHANGES = 2
VERIFIED_SHARE = 0.7  # of the other active SMEs; the rest never asked
CHANGES_NOTE = ("Foto NIB tidak terbaca dan alamat pabrik belum sama dengan NIB. "
                "Unggah ulang NIB dan perbaiki alamat, lalu ajukan lagi.")


def _verification_events(rng: random.Random, active: list[SmeSpec],
                         joined: dict[str, timedelta]) -> list[Event]:
    """Who asked to be verified and what agency staff decided: featured SMEs verified, a few
    recent requests still waiting in each queue (national and Jawa Timur), two sent back
    with a note, most of the rest verified, some never asked."""
    featured = {f.key for f in FEATURED_SMES}
    in_jatim = [s for s in active if s.key not in featured and place(s.regency).province == "35"]
    elsewhere = [s for s in active if s.key not in featured and place(s.regency).province != "35"]
    waiting = {s.key for s in in_jatim[-PENDING_PER_QUEUE:] + elsewhere[-PENDING_PER_QUEUE:]}
    sent_back = {s.key for s in elsewhere[:NEEDS_CHANGES]}
    events: list[Event] = []
    for sme in active:
        if sme.key in waiting:
            events.append(RequestVerification(at(-rng.randint(2, 12), rng.randint(8, 16)), sme.key))
            continue
        if sme.key not in featured | sent_back and rng.random() >= VERIFIED_SHARE:
            continue
        asked = joined[sme.key] + timedelta(days=rng.randint(2, 10))
        agency = PROVINCIAL_VERIFIER.get(place(sme.regency).province, NATIONAL_VERIFIER)
        events.append(RequestVerification(asked, sme.key))
        events.append(DecideVerification(asked + timedelta(days=rng.randint(1, 6), hours=2),
                                         sme.key, agency, verified=sme.key not in sent_back,
                                         note="" if sme.key not in sent_back else CHANGES_NOTE))
    return events


def build_plan(*, seed: int = DEMO_SEED, smes: int = DEFAULT_SMES) -> Plan:
    """The demo for ``seed`` with at least ``smes`` SMEs. Same arguments, same plan."""
    rng = random.Random(seed)
    population = generate_smes(rng, smes, procured_kbli())
    active = [s for s in population if s.email]
    events = _organisation_events(rng, [s.key for s in active])
    joined = {e.sme: e.at for e in events if isinstance(e, JoinSme)}
    # Its own random stream, so the story below stays what it was before verification existed.
    events += _verification_events(random.Random(f"{seed}-verification"), active, joined)
    story = Story(rng, population)
    story.scripted()
    story.generated()
    events += story.events
    assert all(e.at < timedelta(0) for e in events), "the plan must lie in the past"
    return Plan(
        seed=seed,
        orgs=(*AGENCIES, ORGANISER, *BUYERS, PENDING_BUYER),
        smes=tuple(population),
        needs=tuple(sorted(story.needs, key=lambda n: n.key)),
        # Stable sort: simultaneous events keep the order the story told them in.
        events=tuple(sorted(events, key=lambda e: e.at)),
    )
