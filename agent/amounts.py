"""How the agent and the CLI say how much data there is: "1 person and 3 interactions", never "1 people"."""

from __future__ import annotations


def people(count: int, adjective: str = "") -> str:
    """``1 person``, ``2 people``; with an adjective, ``1 new person``."""
    return f"{count:,} {adjective + ' ' if adjective else ''}{'person' if count == 1 else 'people'}"


def interactions(count: int) -> str:
    return f"{count:,} interaction{'' if count == 1 else 's'}"


def people_and_interactions(people_count: int, interaction_count: int, joiner: str = " and ") -> str:
    return f"{people(people_count)}{joiner}{interactions(interaction_count)}"
