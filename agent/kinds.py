"""The one table of interaction kinds and directions (the depth model's contract).

The agent serves this table to clients (``/v1/kinds`` and inside ``/v1/context``); the extension never
hard-codes it. Weights and classes come from depth-model.md section 2.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True)
class Kind:
    id: str
    label: str
    weight: float
    klass: str  # live | voice | service | private | public | one_click
    can_ask: bool
    composed: bool  # a written message that can be answered (or left unanswered)
    quick_log: bool  # offered as a one-click log button in the overlay
    default_direction: str  # what one click means when the user logs it
    networks: tuple[str, ...] = ()  # the sites where it exists (a connection request is LinkedIn's); () for all

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["class"] = data.pop("klass")
        data["networks"] = list(self.networks)
        return data


KINDS: tuple[Kind, ...] = (
    Kind("in_person", "Met in person", 10, "live", True, False, True, "both"),
    Kind("call", "Call", 7, "voice", True, False, True, "both"),
    Kind("email", "Email", 3, "private", True, True, True, "me"),
    Kind("dm", "Message", 3, "private", True, True, True, "me"),
    Kind("comment", "Comment or reply", 1.5, "public", False, True, True, "me"),
    Kind("like", "Like", 0.2, "one_click", False, False, False, "me"),
    Kind("follow", "Follow", 0.1, "one_click", False, False, False, "me"),
    Kind("connection_request", "Connection request", 2, "private", True, False, True, "me", ("linkedin",)),
    Kind("connection_accepted", "Connected", 0.5, "one_click", False, False, False, "unknown", ("linkedin",)),
    Kind("endorsement", "Endorsement", 0.5, "one_click", False, False, False, "me", ("linkedin",)),
    Kind("recommendation", "Recommendation", 8, "service", False, False, False, "me"),
    Kind("intro", "Introduction", 6, "service", True, False, True, "me"),
    Kind("help", "Helped", 8, "service", True, False, True, "me"),
)

KIND_BY_ID: dict[str, Kind] = {k.id: k for k in KINDS}

DIRECTIONS: tuple[str, ...] = ("me", "them", "both", "unknown")

INTENTS: tuple[str, ...] = ("connect", "message", "follow", "ask")


def kinds_table() -> list[dict[str, object]]:
    """The table as served to clients."""
    return [k.to_json() for k in KINDS]
