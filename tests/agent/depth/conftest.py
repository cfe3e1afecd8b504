"""A small builder for one person's interaction history, dated relative to a fixed "today", and a strategy
that generates such histories."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import strategies as st

from agent.depth import Assessment, assess
from agent.kinds import KIND_BY_ID
from agent.records import FollowUp, Interaction

TODAY = datetime(2025, 11, 15, 12, 0, tzinfo=UTC)
YEAR = 365.25


@dataclass
class History:
    """Interactions with one person; ``days_ago`` may be fractional (hours) or None (undated)."""

    now: datetime = TODAY
    items: list[Interaction] = field(default_factory=list)

    def when(self, days_ago: float | None) -> str | None:
        if days_ago is None:
            return None
        return (self.now - timedelta(days=days_ago)).isoformat(timespec="seconds")

    def date(self, days_ago: float) -> str:
        """The ISO calendar date ``days_ago`` days before now."""
        return (self.now - timedelta(days=days_ago)).date().isoformat()

    def add(self, kind: str, direction: str, days_ago: float | None, **fields: Any) -> Interaction:
        if isinstance(fields.get("follow_up"), str):
            fields["follow_up"] = FollowUp(fields["follow_up"], None)
        record = Interaction(
            id=f"i{len(self.items) + 1}", person="p1", kind=kind, direction=direction, at=self.when(days_ago), **fields
        )
        self.items.append(record)
        return record

    def met(self, days_ago: float | None, **fields: Any) -> Interaction:
        return self.add("in_person", "both", days_ago, **fields)

    def call(self, days_ago: float | None, **fields: Any) -> Interaction:
        return self.add("call", "both", days_ago, **fields)

    def dm(self, direction: str, days_ago: float | None, thread: str | None = "t1", **fields: Any) -> Interaction:
        return self.add("dm", direction, days_ago, thread=thread, **fields)

    def email(self, direction: str, days_ago: float | None, **fields: Any) -> Interaction:
        return self.add("email", direction, days_ago, **fields)

    def exchange(self, days_ago: float, starter: str = "me", kind: str = "dm", thread: str | None = None) -> None:
        """A message and its answer two hours later (a thread of its own unless one is given)."""
        thread = thread if thread is not None else f"x{len(self.items)}"
        other = "them" if starter == "me" else "me"
        self.add(kind, starter, days_ago, thread=thread)
        self.add(kind, other, days_ago - 2 / 24, thread=thread)

    def likes(self, direction: str, days_ago: list[float]) -> None:
        for day in days_ago:
            self.add("like", direction, day)

    def connected(self, days_ago: float | None, network: str = "linkedin") -> Interaction:
        return self.add("connection_accepted", "unknown", days_ago, network=network)

    def assess(self, **options: Any) -> Assessment:
        return assess(self.items, now=self.now, **options)


@pytest.fixture
def history() -> History:
    """A fresh, empty history for one test."""
    return History()


@pytest.fixture(scope="session")
def new_history() -> type[History]:
    """The builder class, for property tests that need a fresh history per generated example."""
    return History


_moments = st.sampled_from([None, "garbage", "2025-11-01", "2025-11-15T08:00:00+00:00", "2025-10-02T23:30:00-07:00"])
_interactions = st.builds(
    Interaction,
    id=st.just("x"),
    person=st.just("p1"),
    kind=st.sampled_from([*KIND_BY_ID, "telepathy"]),
    direction=st.sampled_from(["me", "them", "both", "unknown", "sideways"]),
    at=_moments | st.floats(0, 400).map(lambda days: (TODAY - timedelta(days=days)).isoformat()),
    note=st.sampled_from(["", "Hi"]),
    thread=st.sampled_from([None, "", "a", "b", 7]),
)
# Short histories with every kind, odd directions, bad dates and threads, in store order.
histories = st.lists(_interactions, max_size=30).map(lambda rs: [r.with_changes(id=f"i{k}") for k, r in enumerate(rs)])
