"""Every assessment is exactly what the golden file recorded: a guard for speed work on the depth model.

The golden file holds ``assess(...).to_json()`` (or the error raised) for a few hundred seeded random
histories of several shapes (mixed, one-sided, mostly likes, undated follows, calendar dates only, hostile
records, long imports), each with its own ``now``, intent, tags, networks and loop state. An optimisation
must reproduce every byte of it.

The file was written from the model before it was optimised. Regenerate it only for an intended change
of results, and say so in the commit:
    python -m tests.agent.depth.test_equivalence
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from agent.depth import assess
from agent.kinds import KIND_BY_ID
from agent.records import FollowUp, Interaction

GOLDEN = Path(__file__).parent / "golden" / "assessments.json"
CASES = 360
NOWS = (
    datetime(2025, 11, 15, 12, 0, tzinfo=UTC),
    datetime(2026, 11, 25, tzinfo=UTC),
    datetime(2024, 2, 29, 23, 30),  # naive: taken as UTC
    datetime(2025, 6, 1, 8, 15, tzinfo=timezone(timedelta(hours=-7))),
)
INTENTS = (None, None, "connect", "message", "follow", "ask")
TAGS = ("close", "family", "colleague", "vip", "FAMILY")
LOOP_TYPES = ("waiting_on_them", "you_owe_reply", "promised_follow_up", "unreturned_favour", "pending_request")
KINDS = tuple(KIND_BY_ID)
HOSTILE_VALUES = (None, 7, ["dm"], "", "telepathy")


def _at(rng: random.Random, now: datetime, days_ago: float, style: str) -> object:
    moment = now - timedelta(days=days_ago)
    if style == "date":
        return moment.date().isoformat()
    if style == "offset":
        zone = timezone(timedelta(hours=rng.choice((-8, -5, 0, 1, 2, 5.5, 9))))
        return moment.astimezone(zone).isoformat(timespec=rng.choice(("seconds", "minutes", "microseconds")))
    if style == "naive":
        return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds")
    if style == "zulu":
        return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"
    return moment.isoformat(timespec="seconds")


def _follow_up(rng: random.Random, now: datetime) -> FollowUp | None:
    if rng.random() > 0.08:
        return None
    due = rng.choice((None, (now + timedelta(days=rng.uniform(-40, 40))).date().isoformat(), "soon"))
    return FollowUp(rng.choice(("send the deck", "  ", "intro to Sam")), due, rng.random() < 0.2)


def _record(rng: random.Random, n: int, now: datetime, *, kind: str, direction: str, at: object) -> Interaction:
    return Interaction(
        id=f"i{n}",
        person="p",
        kind=kind,
        direction=direction,
        at=at,  # type: ignore[arg-type]  # hostile cases put non-strings here
        note=rng.choice(("", "", "Hi! Quick question", "   ")),
        thread=rng.choice((None, f"t{rng.randrange(4)}", f"t{rng.randrange(4)}", "")),
        ask=rng.random() < 0.15,
        follow_up=_follow_up(rng, now),
        network=rng.choice((None, "linkedin", "x")),
        source_id=f"s{n}" if rng.random() < 0.2 else None,
    )


def _mixed(rng: random.Random, now: datetime, size: int) -> list[Interaction]:
    span = rng.choice((30, 400, 1500, 3650))
    styles = ("seconds", "date", "offset", "naive", "zulu")
    return [
        _record(
            rng,
            n,
            now,
            kind=rng.choice(KINDS),
            direction=rng.choice(("me", "them", "both", "unknown")),
            at=_at(rng, now, rng.uniform(-2, span), rng.choice(styles)) if rng.random() > 0.05 else None,
        )
        for n in range(size)
    ]


def _conversations(rng: random.Random, now: datetime, size: int) -> list[Interaction]:
    """Threads of DMs and emails with meetings, calls and favours between them, in store (unsorted) order."""
    items = []
    day = rng.uniform(30, 3000)
    for n in range(size):
        day = max(-0.5, day - rng.expovariate(1 / rng.choice((0.2, 3, 20, 90))))
        kind = rng.choices(KINDS, weights=(3, 2, 10, 20, 4, 6, 1, 1, 1, 1, 1, 1, 1))[0]
        item = _record(
            rng, n, now, kind=kind, direction=rng.choice(("me", "them", "me", "both")), at=_at(rng, now, day, "seconds")
        )
        items.append(item)
    rng.shuffle(items)
    return items


def _one_sided(rng: random.Random, now: datetime, size: int) -> list[Interaction]:
    return [
        _record(
            rng,
            n,
            now,
            kind=rng.choice(("dm", "email")),
            direction="me",
            at=_at(rng, now, rng.uniform(0, 3650), "seconds"),
        )
        for n in range(size)
    ]


def _likes(rng: random.Random, now: datetime, size: int) -> list[Interaction]:
    return [
        _record(
            rng,
            n,
            now,
            kind="like" if rng.random() < 0.9 else rng.choice(("dm", "comment", "follow", "endorsement")),
            direction=rng.choice(("me", "them", "me")),
            at=_at(rng, now, rng.uniform(0, rng.choice((40, 1500))), "seconds"),
        )
        for n in range(size)
    ]


def _undated_follows(rng: random.Random, now: datetime, size: int) -> list[Interaction]:
    follows = [
        _record(
            rng,
            n,
            now,
            kind=rng.choice(("follow", "follow", "connection_accepted", "dm")),
            direction=rng.choice(("me", "them")),
            at=None,
        )
        for n in range(size)
    ]
    return follows + _mixed(rng, now, rng.randrange(4))


def _dates_only(rng: random.Random, now: datetime, size: int) -> list[Interaction]:
    return [
        _record(
            rng,
            n,
            now,
            kind=rng.choice(("dm", "email", "in_person", "call", "help", "intro", "connection_request")),
            direction=rng.choice(("me", "them", "both")),
            at=_at(rng, now, rng.uniform(-1.5, 3650), "date"),
        )
        for n in range(size)
    ]


def _hostile(rng: random.Random, now: datetime, size: int) -> list[Interaction]:
    """Mixed records with garbage sprinkled in: unknown and unhashable kinds, odd directions, bad dates."""
    items = _mixed(rng, now, size)
    for n, item in enumerate(items):
        if rng.random() < 0.3:
            field = rng.choice(("kind", "direction", "at", "thread", "network", "note", "follow_up", "ask"))
            value: Any = rng.choice((*HOSTILE_VALUES, "2024-13-45", "9999-99-99T00:00", "sideways", "yes"))
            items[n] = item.with_changes(**{field: value})
    return items


def _duplicated_imports(rng: random.Random, now: datetime, size: int) -> list[Interaction]:
    """An import and the user's manual logs of some of the same events."""
    imported = [
        r.with_changes(source_id=f"src{n}", source="import:linkedin")
        for n, r in enumerate(_conversations(rng, now, size))
    ]
    logs = [
        r.with_changes(id=f"m{n}", source="manual", source_id=None, at=r.at[:10] if isinstance(r.at, str) else r.at)
        for n, r in enumerate(imported)
        if rng.random() < 0.3
    ]
    return imported + logs


SHAPES: tuple[tuple[str, Callable[[random.Random, datetime, int], list[Interaction]], int], ...] = (
    ("mixed", _mixed, 60),
    ("conversations", _conversations, 120),
    ("one_sided", _one_sided, 40),
    ("likes", _likes, 80),
    ("undated_follows", _undated_follows, 30),
    ("dates_only", _dates_only, 60),
    ("hostile", _hostile, 40),
    ("duplicated_imports", _duplicated_imports, 60),
)


def _loop_state(rng: random.Random, items: list[Interaction], now: datetime) -> dict[str, Any]:
    state: dict[str, Any] = {}
    for item in rng.sample(items, min(len(items), rng.randrange(6))):
        choice = rng.choice(("done", "dismissed", "snoozed", "snoozed", "bogus"))
        until = (now + timedelta(days=rng.uniform(-20, 20))).date().isoformat()
        state[f"{rng.choice(LOOP_TYPES)}:{item.id}"] = {"state": choice, "until": until}
    return state


def case(seed: int) -> dict[str, Any]:
    """The inputs of one golden case: everything derived from ``seed`` alone."""
    rng = random.Random(seed)
    name, shape, typical = SHAPES[seed % len(SHAPES)]
    now = rng.choice(NOWS)
    size = rng.choice((0, 1, 2, 5, 12, 25, typical, typical, 3 * typical)) if seed % 41 else 2000
    items = shape(rng, now, size)
    return {
        "shape": name,
        "interactions": items,
        "now": now,
        "networks": tuple(rng.sample(("linkedin", "x", "mastodon"), rng.randrange(4))),
        "tags": tuple(rng.sample(TAGS, rng.choice((0, 0, 0, 1, 2)))),
        "loop_state": _loop_state(rng, items, now),
        "intent": rng.choice(INTENTS) if seed % 97 else "beg",
    }


def outcome(seed: int) -> dict[str, Any]:
    """What ``assess`` returns for case ``seed``, as JSON, or the error it raises."""
    inputs = case(seed)
    try:
        result = assess(
            inputs["interactions"],
            now=inputs["now"],
            networks=inputs["networks"],
            tags=inputs["tags"],
            loop_state=inputs["loop_state"],
            intent=inputs["intent"],
        )
    except ValueError as error:
        return {"shape": inputs["shape"], "error": f"ValueError: {error}"}
    return {"shape": inputs["shape"], "assessment": result.to_json()}


@pytest.fixture(scope="module")
def golden() -> list[dict[str, Any]]:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_the_golden_file_covers_every_shape_and_outcome(golden):
    assert len(golden) == CASES
    assert {entry["shape"] for entry in golden} == {name for name, _, _ in SHAPES}
    assessed = [entry["assessment"] for entry in golden if "assessment" in entry]
    assert any("error" in entry for entry in golden)
    assert {a["depth"]["stage"] for a in assessed} == {"stranger", "aware", "acquainted", "engaged", "trusted"}
    assert {flag for a in assessed for flag in a["depth"]["flags"]} == {"dormant", "cooling", "lapsing"}
    assert {loop["type"] for a in assessed for loop in a["open_loops"]} >= set(LOOP_TYPES)
    assert len({w["id"] for a in assessed for w in a["warnings"]}) == 7


@pytest.mark.parametrize("seed", range(CASES))
def test_assessment_matches_the_golden_file(golden, seed):
    assert outcome(seed) == golden[seed]


if __name__ == "__main__":
    GOLDEN.parent.mkdir(exist_ok=True)
    entries = [outcome(seed) for seed in range(CASES)]
    GOLDEN.write_text(
        "[\n" + ",\n".join(json.dumps(e, ensure_ascii=False) for e in entries) + "\n]\n", encoding="utf-8"
    )
    print(f"wrote {len(entries)} cases to {GOLDEN}")
