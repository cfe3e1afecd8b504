"""How big the synthetic user is and how many samples each measurement takes, for full and --quick runs."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

DEFAULT_SEED = 20_240_501


@dataclass(frozen=True, slots=True)
class Plan:
    name: str  # full | quick | a test's own name
    linkedin_people: int  # people with a LinkedIn identity (30,000 is LinkedIn's connection cap)
    x_identities: int  # X accounts; some belong to LinkedIn people (linked), the rest are X-only people
    interactions: int
    export_connections: int
    export_messages: int
    context_samples: int  # per fixture page
    log_samples: int
    push_logs: int
    push_subscribers: int
    cold_starts: int
    browser_navigations: int
    tinydb_inserts: int
    parse_samples: int
    score_samples: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


FULL = Plan(
    name="full",
    linkedin_people=30_000,
    x_identities=10_000,
    interactions=300_000,
    export_connections=30_000,
    export_messages=100_000,
    context_samples=400,
    log_samples=300,
    push_logs=60,
    push_subscribers=50,
    cold_starts=3,
    browser_navigations=20,
    tinydb_inserts=5,
    parse_samples=30,
    score_samples=200,
)

QUICK = Plan(
    name="quick",
    linkedin_people=2_000,
    x_identities=700,
    interactions=20_000,
    export_connections=2_000,
    export_messages=5_000,
    context_samples=60,
    log_samples=60,
    push_logs=10,
    push_subscribers=50,
    cold_starts=1,
    browser_navigations=5,
    tinydb_inserts=3,
    parse_samples=5,
    score_samples=30,
)

# The people the benchmark's real fixture pages show; they get a long, substantial history so depth is
# real work. (slug or handle, interactions)
FIXTURE_LINKEDIN = ("eduardo-alvarez-nowak", "Eduardo Alvarez Nowak", 420)
FIXTURE_X = ("kikobeats", "Kiko Beats", 260)
# Issue 8: one person with this many interactions is scored in-process.
SCORED_HISTORY = 2_000
