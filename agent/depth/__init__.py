"""Relationship depth: a transparent 0–100 scorecard with stages, reasons, open loops and warnings.

See docs/depth.md: what it means to users, and the decisions taken where the spec left a choice open.
"""

from agent.depth.model import (
    STAGES,
    Assessment,
    Depth,
    OpenLoop,
    Outlook,
    Warning,
    assess,
    outlook,
    review_items_impossible_until,
    review_outlook,
)

__all__ = [
    "STAGES",
    "Assessment",
    "Depth",
    "OpenLoop",
    "Outlook",
    "Warning",
    "assess",
    "outlook",
    "review_items_impossible_until",
    "review_outlook",
]
