"""A synthetic heavy user: people and ten years of interactions, deterministic for a seed.

Pure: records out, no I/O. The shape follows what a long-time LinkedIn and X user accumulates:
- most people have one to three interactions (a connection and perhaps a like), a few hundred have hundreds
  (colleagues, close contacts): per-person counts follow a Pareto law scaled to the wanted total;
- LinkedIn people start with ``connection_accepted``; X people with an undated ``follow``; some people have
  both identities (one person, linked);
- messages come in threads (``dm`` with a shared ``thread``, directions alternating, sometimes unanswered),
  with some calls, meetings, emails, likes, comments, endorsements and the odd recommendation or favour;
- dates spread over the ten years before ``end``.

Every name, slug, handle and note is invented, except the two people the benchmark's real fixture pages show
(see ``plan.FIXTURE_LINKEDIN`` / ``FIXTURE_X``), who get an invented history.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from types import MappingProxyType

from agent.records import FollowUp, Identity, Interaction, Person
from scripts.benchlib.plan import FIXTURE_LINKEDIN, FIXTURE_X, Plan

YEARS = 10
SPAN_SECONDS = YEARS * 365 * 24 * 3600
PARETO_ALPHA = 1.16  # the 80/20 law
PARETO_CAP = 1_500  # before scaling: the busiest correspondents have a few thousand interactions, not millions
LINKED_SHARE = 0.3  # of X identities, the share that belong to a LinkedIn person

FIRST = (
    "Ada", "Aiko", "Amara", "Anders", "Ana", "Arjun", "Bea", "Bilal", "Carmen", "Chen", "Chiara", "Dario", "Dev",
    "Elif", "Emeka", "Erik", "Fatima", "Felix", "Femi", "Greta", "Hana", "Hugo", "Ines", "Ivan", "Jada", "Jonas",
    "Kai", "Kamala", "Lars", "Lea", "Leon", "Lina", "Luis", "Maya", "Mei", "Milan", "Nadia", "Nico", "Noor", "Olga",
    "Omar", "Pablo", "Priya", "Quinn", "Rafael", "Rania", "Rosa", "Sami", "Sana", "Sofia", "Tariq", "Tess", "Theo",
    "Uma", "Vera", "Wen", "Yara", "Yusuf", "Zara", "Zoe"
)  # fmt: skip
LAST = (
    "Abara", "Adler", "Ahmed", "Alvarez", "Bauer", "Berg", "Costa", "Dahl", "Dias", "Eriksen", "Farah", "Fischer",
    "Garcia", "Haddad", "Hansen", "Ito", "Jensen", "Kaur", "Khan", "Kim", "Kowalski", "Larsen", "Lopez", "Moreau",
    "Mori", "Müller", "Nakamura", "Novak", "Okafor", "Olsen", "Osei", "Park", "Patel", "Perez", "Quispe", "Rossi",
    "Sato", "Schmidt", "Silva", "Singh", "Sousa", "Suzuki", "Tanaka", "Torres", "Ueda", "Vargas", "Weber", "Wong",
    "Yilmaz", "Zhang"
)  # fmt: skip
ROLES = ("Engineer", "Staff Engineer", "Product Manager", "Designer", "Data Scientist", "Founder", "CTO", "Recruiter")
COMPANIES = ("Northwind", "Kestrel", "Bluefin", "Atelier Lumen", "Harbor & Pine", "Sunmeadow", "Ironbark", "Example Co")
DM_LINES = (
    "Thanks for the intro!",
    "Are you free for a quick call next week?",
    "Great to see you at the meetup.",
    "Sending over the deck now.",
    "Congrats on the new role!",
    "Could you take a look at this proposal?",
    "Happy to help, let me know.",
    "Following up on my last note.",
    "Sounds good, talk then.",
    "Loved your post on data contracts.",
)
MEETING_NOTES = ("Coffee near the office", "Conference hallway chat", "Lunch", "Workshop together", "")
FOLLOW_UPS = ("Send the deck", "Intro to the hiring manager", "Share the article", "Review the draft")

# kind -> weight, for the events after the first; dm means a whole thread
LINKEDIN_MIX = MappingProxyType({
    "dm": 50, "like": 12, "comment": 8, "email": 8, "endorsement": 4, "call": 6, "in_person": 5,
    "intro": 2, "help": 2, "recommendation": 0.5, "connection_request": 0.5,
})  # fmt: skip
X_MIX = MappingProxyType({"like": 40, "comment": 25, "dm": 28, "call": 3, "in_person": 4})


@dataclass(frozen=True, slots=True)
class Member:
    """Someone in the population before their history is drawn."""

    person: Person
    count: int  # interactions wanted
    start: int  # seconds before ``end`` when the relationship started


def population(plan: Plan, seed: int, end: date) -> Iterator[tuple[Person, list[Interaction]]]:
    """Every person with their history, in a fixed order. Same ``plan``, ``seed`` and ``end``: same records."""
    rng = random.Random(seed)
    end_at = datetime(end.year, end.month, end.day, tzinfo=UTC)
    for member in members(plan, rng):
        yield member.person, history(rng, member, end_at)


def members(plan: Plan, rng: random.Random) -> list[Member]:
    """The people and how many interactions each gets; the counts add up to ``plan.interactions`` exactly."""
    linked = round(plan.x_identities * LINKED_SHARE)
    x_only = plan.x_identities - linked
    fixtures = [_fixture_person("linkedin", rng), _fixture_person("x", rng)]
    fixed = FIXTURE_LINKEDIN[2] + FIXTURE_X[2]
    people: list[Person] = []
    seen: set[tuple[str, str]] = set()
    for index in range(plan.linkedin_people - 1):  # the LinkedIn fixture person is one of them
        people.append(_synthetic_person(rng, index, ("linkedin", "x") if index < linked else ("linkedin",), seen))
    for index in range(x_only - 1):
        people.append(_synthetic_person(rng, plan.linkedin_people + index, ("x",), seen))
    counts = scaled_counts(rng, len(people), plan.interactions - fixed)
    out = [
        Member(fixtures[0], FIXTURE_LINKEDIN[2], int(SPAN_SECONDS * 0.95)),
        Member(fixtures[1], FIXTURE_X[2], int(SPAN_SECONDS * 0.8)),
    ]
    for person, count in zip(people, counts, strict=True):
        # Busy relationships tend to be old ones; a single like can be from any time.
        start = int(SPAN_SECONDS * (1 - rng.random() ** (1 + min(count, 200) / 50)))
        out.append(Member(person, count, max(start, 3600)))
    return out


def scaled_counts(rng: random.Random, people: int, total: int) -> list[int]:
    """Pareto-distributed per-person counts, each at least 1, summing to ``total`` (which must be >= people)."""
    if people == 0:
        return []
    if total < people:
        raise ValueError(f"{total} interactions cannot give each of {people} people one; raise the total")
    excess = [bounded_pareto(rng) - 1 for _ in range(people)]
    scale = (total - people) / (sum(excess) or 1)
    counts = [1 + int(e * scale) for e in excess]
    short = total - sum(counts)  # 0 <= short < people: floors dropped less than one each
    for index in sorted(range(people), key=lambda i: excess[i], reverse=True)[:short]:
        counts[index] += 1
    return counts


def bounded_pareto(rng: random.Random) -> float:
    """A Pareto draw redrawn above the cap (clipping would pile the busiest people on one count)."""
    while True:
        value = rng.paretovariate(PARETO_ALPHA)
        if value <= PARETO_CAP:
            return value


def history(rng: random.Random, member: Member, end_at: datetime) -> list[Interaction]:
    """``member.count`` interactions between their start and ``end_at``, oldest first."""
    person = member.person
    networks = person.networks
    out: list[Interaction] = []
    start_at = end_at - timedelta(seconds=member.start)
    if "linkedin" in networks:
        day = start_at.date().isoformat()
        out.append(_event(rng, person, "connection_accepted", "unknown", day, "linkedin", imported=True))
    if "x" in networks and len(out) < member.count:
        out.append(_event(rng, person, "follow", "me", None, "x", imported=True))
    while len(out) < member.count:
        network = rng.choice(networks)
        mix = LINKEDIN_MIX if network == "linkedin" else X_MIX
        kind = rng.choices(tuple(mix), weights=tuple(mix.values()))[0]
        moment = start_at + timedelta(seconds=rng.randrange(max(member.start, 1)))
        if kind == "dm":
            length = min(member.count - len(out), _thread_length(rng))
            out.extend(_thread(rng, person, network, moment, length, end_at))
        else:
            out.append(_single(rng, person, kind, network, moment))
    return out[: member.count]


def _thread_length(rng: random.Random) -> int:
    length = 1
    while length < 12 and rng.random() < 0.62:
        length += 1
    return length


def _thread(
    rng: random.Random, person: Person, network: str, moment: datetime, length: int, end_at: datetime
) -> list[Interaction]:
    thread = f"bench-{network}-{rng.getrandbits(48):012x}"
    side = rng.random() < 0.55  # True: the user writes first
    out = []
    for n in range(length):
        at = _iso(min(moment, end_at))  # a thread started last week has not run on into next month
        note = rng.choice(DM_LINES)
        ask = n == 0 and side and rng.random() < 0.15  # the user asking for something
        direction = "me" if side else "them"
        out.append(_event(rng, person, "dm", direction, at, network, imported=True, note=note, thread=thread, ask=ask))
        side = not side if rng.random() < 0.85 else side
        moment += timedelta(minutes=rng.randrange(2, 3 * 24 * 60))
    return out


def _single(rng: random.Random, person: Person, kind: str, network: str, moment: datetime) -> Interaction:
    at = _iso(moment)
    if kind in ("call", "in_person"):
        event = _event(rng, person, kind, "both", at, network, imported=False, note=rng.choice(MEETING_NOTES))
        if rng.random() < 0.08:
            due = (moment + timedelta(days=rng.randrange(3, 21))).date().isoformat()
            event = event.with_changes(follow_up=FollowUp(rng.choice(FOLLOW_UPS), due, rng.random() < 0.75))
        return event
    if kind in ("intro", "connection_request"):
        return _event(rng, person, kind, "me", at, network, imported=kind == "connection_request")
    direction = "me" if rng.random() < 0.6 else "them"
    imported = kind not in ("email", "help")
    return _event(rng, person, kind, direction, at, network, imported=imported)


def _event(
    rng: random.Random,
    person: Person,
    kind: str,
    direction: str,
    at: str | None,
    network: str,
    *,
    imported: bool,
    note: str = "",
    thread: str | None = None,
    ask: bool = False,
) -> Interaction:
    ident = rng.getrandbits(64)
    return Interaction(
        id=f"i_{ident:016x}",
        person=person.id,
        kind=kind,
        direction=direction,
        at=at,
        source=f"import:{network}" if imported else "manual",
        created=at or person.created,
        note=note,
        thread=thread,
        ask=ask,
        network=network,
        source_id=f"bench:{network}:{ident:016x}" if imported else None,
        import_id=f"imp_bench_{network}" if imported else None,
    )


def _iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat()


def _synthetic_person(rng: random.Random, index: int, networks: tuple[str, ...], seen: set[tuple[str, str]]) -> Person:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    identities = []
    for network in networks:
        while True:
            if network == "linkedin":
                handle = f"{first}-{last}-{rng.getrandbits(32):08x}".lower().replace("ü", "u")
            else:
                handle = f"{first[:5]}{last[:4]}{rng.getrandbits(20):x}".lower().replace("ü", "u")
            if (network, handle) not in seen:
                seen.add((network, handle))
                break
        x_id = str(rng.randrange(10**8, 10**19)) if network == "x" else None
        identities.append(Identity(network, handle, x_id))
    role, company = rng.choice(ROLES), rng.choice(COMPANIES)
    name = f"{first} {last}" if "linkedin" in networks or rng.random() < 0.6 else f"@{identities[0].handle}"
    return Person(
        id=f"p_{rng.getrandbits(64):016x}",
        name=name,
        headline=f"{role} at {company}",
        identities=tuple(identities),
        created="2016-01-01T00:00:00+00:00",
        updated="2016-01-01T00:00:00+00:00",
        tags=("colleague",) if index % 97 == 0 else (),
    )


def _fixture_person(network: str, rng: random.Random) -> Person:
    handle, name, _count = FIXTURE_LINKEDIN if network == "linkedin" else FIXTURE_X
    return Person(
        id=f"p_{rng.getrandbits(64):016x}",
        name=name,
        identities=(Identity(network, handle),),
        created="2016-01-01T00:00:00+00:00",
        updated="2016-01-01T00:00:00+00:00",
    )
