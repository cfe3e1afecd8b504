"""What the depth model returns: the depth block, open loops and warnings, and their JSON shape.

Kept apart from ``model.py`` so the modules that build these (loops, warnings) can import them without
importing the entry point that calls them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Depth:
    score: int  # 0–100
    stage: str  # stranger | aware | acquainted | engaged | trusted
    peak_stage: str | None  # the stage as of the last real conversation; None unless dormant
    flags: tuple[str, ...]  # among dormant | cooling | lapsing
    components: Mapping[str, float]  # history, warmth, duration, reciprocity, mutual_help, multiplexity
    reasons: tuple[str, ...]  # 2–4 plain lines, most points first

    def to_json(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "stage": self.stage,
            "peak_stage": self.peak_stage,
            "flags": list(self.flags),
            "components": dict(self.components),
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True, slots=True)
class OpenLoop:
    type: str  # waiting_on_them | you_owe_reply | promised_follow_up | unreturned_favour | pending_request
    key: str  # "<type>:<interaction id>": what the user's done/dismiss/snooze state is stored under
    text: str
    since: str  # ISO date the loop opened from (the interaction's day)
    due: str | None  # ISO date, promises only
    overdue: bool
    interaction: str | None  # the interaction the loop is about

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "key": self.key,
            "text": self.text,
            "since": self.since,
            "due": self.due,
            "overdue": self.overdue,
            "interaction": self.interaction,
        }


@dataclass(frozen=True, slots=True)
class Warning:  # the protocol's name; shadows the builtin only where imported by name
    id: str  # cold_pitch | bare_request | ask_exceeds_depth | pile_on | lopsided | dormant_ask | like_bombing
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text}


@dataclass(frozen=True, slots=True)
class Assessment:
    depth: Depth
    open_loops: tuple[OpenLoop, ...]  # all open loops, most urgent first (the overlay shows the top 2)
    warnings: tuple[Warning, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "depth": self.depth.to_json(),
            "open_loops": [loop.to_json() for loop in self.open_loops],
            "warnings": [warning.to_json() for warning in self.warnings],
        }
