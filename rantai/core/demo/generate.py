"""``build_plan``: the whole demo as a ``Plan``, from one seed, without a database."""
import random
from datetime import timedelta

from . import DEFAULT_SMES, DEMO_SEED
from .organisations import AGENCIES, BUYERS, ORGANISER, PENDING_BUYER
from .plan import Approve, CreateAdmin, Event, ImportSuppliers, JoinSme, Plan, SignUp
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


def build_plan(*, seed: int = DEMO_SEED, smes: int = DEFAULT_SMES) -> Plan:
    """The demo for ``seed`` with at least ``smes`` SMEs. Same arguments, same plan."""
    rng = random.Random(seed)
    population = generate_smes(rng, smes, procured_kbli())
    events = _organisation_events(rng, [s.key for s in population if s.email])
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
