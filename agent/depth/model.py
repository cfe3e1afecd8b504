"""The depth model's entry point: one person's interactions in, an explainable assessment out.

Pure and deterministic: no I/O, no clock (the caller passes ``now``), no state between calls.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from types import MappingProxyType

from agent.depth.loops import open_loops
from agent.depth.reasons import reasons
from agent.depth.results import Assessment, Depth, OpenLoop, Warning
from agent.depth.score import STAGES, stand
from agent.depth.timeline import build_timeline, now_day
from agent.depth.warnings import warnings_for
from agent.records import Interaction

__all__ = ["STAGES", "Assessment", "Depth", "OpenLoop", "Warning", "assess"]

_NO_LOOP_STATE: Mapping[str, Mapping[str, object]] = MappingProxyType({})


def assess(
    interactions: Sequence[Interaction],
    *,
    now: datetime,
    networks: Collection[str] = (),
    tags: Collection[str] = (),
    loop_state: Mapping[str, Mapping[str, object]] = _NO_LOOP_STATE,
    intent: str | None = None,
) -> Assessment:
    """Score one person as of ``now`` (naive means UTC) and list open loops and warnings for ``intent``.

    Args:
        interactions: everything logged or imported with this person, in any order.
        now: the evaluation moment; events more than a day after it are ignored.
        networks: the networks the person has identities on (``linkedin``, ``x``); both means a merged history.
        tags: the user's tags; ``close``, ``family`` and ``colleague`` set an Engaged floor.
        loop_state: the user's done/dismissed/snoozed choices by loop key.
        intent: ``connect``, ``message``, ``follow``, ``ask``, or None for the warnings of the current state.

    Raises:
        ValueError: ``intent`` is not one of those.
    """
    timeline = build_timeline(interactions, now_day(now))
    standing = stand(timeline, tags=tags, networks=networks)
    card = standing.card
    depth = Depth(
        score=card.score,
        stage=card.stage,
        peak_stage=standing.peak.stage if standing.peak else None,
        flags=standing.flags,
        components=card.components,
        reasons=reasons(timeline, standing, networks=networks),
    )
    return Assessment(
        depth=depth,
        open_loops=open_loops(timeline, loop_state),
        warnings=warnings_for(timeline, standing, intent),
    )
