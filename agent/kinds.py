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
    # How the depth model's lines name one of these, and (for a favour) what the other side did: the agent's own
    # wording, not served to clients. A new kind without them reads as its label.
    noun: str = ""  # "call", "public reply"; counted with an "s" ("3 calls")
    favour: str = ""  # "introduced you to someone": "They introduced you to someone 7 months ago"

    @property
    def name(self) -> str:
        """The noun for one of these in a sentence: ``noun``, else the label in lower case."""
        return self.noun or self.label.lower()

    @property
    def did_for_you(self) -> str:
        """What they did, for a favour of this kind: ``favour``, else "helped you"."""
        return self.favour or "helped you"

    def to_json(self) -> dict[str, object]:
        """The row as served to clients (``/v1/kinds``): the fields the extension reads, not the wording."""
        data = asdict(self)
        data["class"] = data.pop("klass")
        data["networks"] = list(self.networks)
        del data["noun"], data["favour"]
        return data


KINDS: tuple[Kind, ...] = (
    Kind("in_person", "Met in person", 10, "live", True, False, True, "both", noun="meeting"),
    Kind("call", "Call", 7, "voice", True, False, True, "both", noun="call"),
    Kind("email", "Email", 3, "private", True, True, True, "me", noun="email"),
    Kind("dm", "Message", 3, "private", True, True, True, "me", noun="message"),
    Kind("comment", "Comment or reply", 1.5, "public", False, True, True, "me", noun="public reply"),
    Kind("like", "Like", 0.2, "one_click", False, False, False, "me", noun="like"),
    Kind("follow", "Follow", 0.1, "one_click", False, False, False, "me", noun="follow"),
    Kind("connection_request", "Connection request", 2, "private", True, False, True, "me", ("linkedin",),
         noun="connection note"),
    Kind("connection_accepted", "Connected", 0.5, "one_click", False, False, False, "unknown", ("linkedin",),
         noun="connection"),
    Kind("endorsement", "Endorsement", 0.5, "one_click", False, False, False, "me", ("linkedin",), noun="endorsement"),
    Kind("recommendation", "Recommendation", 8, "service", False, False, False, "me", noun="recommendation",
         favour="recommended you"),
    Kind("intro", "Introduction", 6, "service", True, False, True, "me", noun="intro",
         favour="introduced you to someone"),
    Kind("help", "Helped", 8, "service", True, False, True, "me", noun="favour", favour="helped you"),
)  # fmt: skip

KIND_BY_ID: dict[str, Kind] = {k.id: k for k in KINDS}

DIRECTIONS: tuple[str, ...] = ("me", "them", "both", "unknown")

INTENTS: tuple[str, ...] = ("connect", "message", "follow", "ask")


def kinds_table() -> list[dict[str, object]]:
    """The table as served to clients."""
    return [k.to_json() for k in KINDS]
