"""The one urgency order of everything that waits on someone: open loops and ties going cold.

The overlay lists a person's loops in this order and the review lists everyone's items in it (docs/depth.md,
"Open loops"): the user holding things up first, then what waits on the other side, then ties going quiet.
"""

from __future__ import annotations

# Most urgent first. An overdue promise is a promised follow-up with a red flag on it.
URGENCY = (
    "overdue_promise",
    "you_owe_reply",
    "promised_follow_up",
    "waiting_on_them",
    "pending_request",
    "unreturned_favour",
    "cooling",
    "lapsing",
    "dormant",
)
COLD_FLAGS = ("cooling", "lapsing", "dormant")  # the flags the review lists as items
ITEM_TYPES = frozenset(t for t in URGENCY if t != "overdue_promise")  # what an item's ``type`` can be


def rank(item_type: str, overdue: bool = False) -> int:
    """Where an item of ``item_type`` sorts: lower is more urgent."""
    return URGENCY.index("overdue_promise" if item_type == "promised_follow_up" and overdue else item_type)
