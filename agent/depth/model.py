"""The depth model's entry point: one person's interactions in, an explainable assessment out.

Pure and deterministic: no I/O, no clock (the caller passes ``now``), no state between calls.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

from agent.depth.horizon import review_horizon
from agent.depth.loops import open_loops
from agent.depth.phrasing import iso_date
from agent.depth.reasons import flag_line, reasons
from agent.depth.results import Assessment, Depth, OpenLoop, Warning
from agent.depth.score import (
    STAGES,
    Decay,
    Scorecard,
    flags_and_peak,
    stand,
    worth_reviving,
)
from agent.depth.tally import latest_exchange
from agent.depth.timeline import Timeline, build_timeline, now_day
from agent.depth.warnings import warnings_for
from agent.records import Interaction

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


@dataclass(frozen=True, slots=True)
class Outlook:
    """What the relationship review reads of one person: the open loops and flags, as ``assess`` has them,
    and the "why" lines only when asked for (the review wants them only for a tie going cold)."""

    open_loops: tuple[OpenLoop, ...]
    flags: tuple[str, ...]
    peak_stage: str | None
    timeline: Timeline
    networks: Collection[str]
    tags: Collection[str]
    peak: tuple[Scorecard, Decay] | None = field(default=None, repr=False, compare=False)  # for ``reasons``

    def last_conversation(self) -> str | None:
        """The date (UTC, ISO) of the latest dated real conversation: when a tie going cold went quiet. Likes
        and follows since then do not count, as the cold-tie lines say."""
        last = latest_exchange(self.timeline)
        return None if last is None else iso_date(self.timeline.days[last])

    def review_flags(self) -> tuple[str, ...]:
        """The flags the review lists as a tie going cold: cooling, lapsing, or dormant when worth reviving."""
        return tuple(flag for flag in self.flags if flag != "dormant" or worth_reviving(self.peak_stage))

    def cold_line(self) -> str:
        """The "why" line of this tie's flag (dormant, or its broken rhythm), as ``reasons`` has it: scores the
        person in full (but for a dormant tie's peak, already known), so ask only for a tie going cold."""
        standing = stand(self.timeline, tags=self.tags, networks=self.networks, known=self.peak)
        return flag_line(standing)

    def reasons(self) -> tuple[str, ...]:
        """``assess(...).depth.reasons``: scores the person in full (but for a dormant tie's peak, already
        known), so ask only when a line is needed."""
        standing = stand(self.timeline, tags=self.tags, networks=self.networks, known=self.peak)
        return reasons(self.timeline, standing, networks=self.networks)


def outlook(
    interactions: Sequence[Interaction],
    *,
    now: datetime,
    networks: Collection[str] = (),
    tags: Collection[str] = (),
    loop_state: Mapping[str, Mapping[str, object]] = _NO_LOOP_STATE,
) -> Outlook:
    """``assess`` for the review: the same open loops, flags and peak stage, without the score, the warnings
    or the reasons, which most people in a review never show (arguments as for ``assess``)."""
    return _outlook(build_timeline(interactions, now_day(now)), networks, tags, loop_state)


def _outlook(
    timeline: Timeline, networks: Collection[str], tags: Collection[str], loop_state: Mapping[str, Mapping[str, object]]
) -> Outlook:
    flags, peak = flags_and_peak(timeline, tags=tags, networks=networks)
    return Outlook(
        open_loops=open_loops(timeline, loop_state),
        flags=flags,
        peak_stage=peak[0].stage if peak else None,
        timeline=timeline,
        networks=networks,
        tags=tags,
        peak=peak,
    )


def review_items_impossible_until(
    interactions: Sequence[Interaction], *, now: datetime, tags: Collection[str] = ()
) -> float | None:
    """The day number (as the timeline's, ``agent/days.py``) before which ``outlook(interactions, now=t,
    tags=tags)`` surely has no open loop and none of the flags a review shows (cooling, lapsing, or dormant with
    a peak stage of engaged or trusted) for every moment ``t`` from ``now`` on, whatever the networks and loop
    state, if the interactions do not change; ``inf`` when never, None when an item may be there at ``now``.

    A lower bound, not the first day: each loop and flag rule's earliest day, read from the records in a pass
    or two (a timeline only for a tie that could be going quiet), so that the review need not score again a
    person whose history did not change.
    ``tests/agent/depth/test_horizon.py`` holds it to ``outlook``.
    """
    records = interactions if isinstance(interactions, list | tuple) else list(interactions)
    return review_horizon(records, now_day(now), tags)[0]


def review_outlook(
    interactions: Sequence[Interaction],
    *,
    now: datetime,
    networks: Collection[str] = (),
    tags: Collection[str] = (),
    loop_state: Mapping[str, Mapping[str, object]] = _NO_LOOP_STATE,
) -> tuple[Outlook | None, float | None]:
    """What the review needs of a person it has not seen in this history: ``(None, horizon)`` when
    ``review_items_impossible_until`` rules out an item today, else ``(outlook(...), horizon)`` (arguments as
    for ``outlook``). The horizon comes first, as it costs half of scoring and clears most people; a timeline
    it had to build is the one ``outlook`` reads.

    With an outlook, the horizon is usually None, but the outlook can tell what the records could not: a
    dormant tie whose peak stage is below engaged stays so (its peak is fixed, and dormancy only deepens), so
    with no loop possible today it has nothing for the review until the first day a loop could open (for these
    networks and tags, which the peak stage depends on).
    """
    records = interactions if isinstance(interactions, list | tuple) else list(interactions)
    today = now_day(now)
    horizon, timeline, loops_until = review_horizon(records, today, tags)
    if horizon is not None:
        return None, horizon
    result = _outlook(timeline or build_timeline(records, today), networks, tags, loop_state)
    if loops_until > today and "dormant" in result.flags and not worth_reviving(result.peak_stage):
        return result, loops_until
    return result, None
