"""The 0–100 depth score: six components, the gates in the spec's order, stages, flags, peak stage.

depth-model.md §3 and §4. Every constant below is a prior from the spec unless its comment says otherwise;
the calibrations are explained in docs/depth.md ("Decisions").
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress, pairwise
from math import exp, exp2
from statistics import median
from types import MappingProxyType

from agent.depth.columns import look_up
from agent.depth.tally import Tally, episode_ends, latest_exchange, tally
from agent.depth.threads import PUBLIC_KINDS
from agent.depth.timeline import (
    Timeline,
)
from agent.kinds import KINDS
from agent.records import NETWORKS

STAGES = ("stranger", "aware", "acquainted", "engaged", "trusted")
STAGE_FLOORS = (0, 10, 25, 45, 70)  # lowest score of each stage, in STAGES order

DAYS_PER_YEAR = 365.25
HISTORY_MAX, HISTORY_SCALE, HISTORY_HALF_LIFE = 30.0, 25.0, 3 * DAYS_PER_YEAR
WARMTH_MAX, WARMTH_SCALE, WARMTH_HALF_LIFE = 25.0, 12.0, 180.0
WARMTH_CEILING_HALF_LIVES = 3.0  # silence halves warmth's ceiling every 3 warmth half-lives (18 months)
FAMILY_WARMTH_FACTOR = 3.0  # kin decay slower: "family" triples the warmth half-life
DURATION_MAX, DURATION_FULL = 10.0, 3 * DAYS_PER_YEAR
RECIPROCITY_MAX, RECIPROCITY_FULL_EPISODES = 15.0, 3
NEUTRAL_BALANCE = 0.5  # b when neither half can be measured yet (calibration, docs/depth.md)
HELP_PER_SERVICE, HELP_SERVICES_CAP, HELP_BOTH_WAYS = 4.0, 8.0, 4.0
MULTIPLEX_PER_CLASS, MULTIPLEX_NETWORKS, MULTIPLEX_MAX = 3.0, 2.0, 8.0
MEDIA_CLASSES = frozenset({"live", "voice", "private", "public"})
ONE_CLICK_CAP = 2.0  # one-click events add at most 2 units to each sum
ONE_SIDED_ALLOWANCE = 2.0  # my writing counts up to what the other side gave back, plus this (issue 17, case 3)
LIVE_CLASSES = frozenset({"live", "voice"})
MAX_DOUBLINGS = 1000.0  # 2**1000 still fits a float
_IS_ONE_CLICK = {kind.klass: kind.klass == "one_click" for kind in KINDS}  # class → flag, for ``look_up``
_IS_LIVE = {kind.klass: kind.klass in LIVE_CLASSES for kind in KINDS}

UNACKNOWLEDGED_CAP = 9
ACKNOWLEDGED_FLOOR = 10
NO_TWO_WAY_CAP = 24
CONVERSATION_FLOOR = 25  # a real conversation, not gone dormant: Acquainted at least (docs/depth.md, Stages)
ENGAGED_EPISODES, ENGAGED_RECENT_DAYS, ENGAGED_BALANCE = 2, 1.5 * DAYS_PER_YEAR, 0.3
ENGAGED_SPAN_DAYS = 14.0  # Engaged is contact sustained over weeks: one chatty week is not (issue 17)
TRUSTED_EPISODES, TRUSTED_RECENT_DAYS, TRUSTED_BALANCE = 4, DAYS_PER_YEAR, 0.5
TRUSTED_SPAN_DAYS, TRUSTED_LIVE, TRUSTED_SERVICES = DAYS_PER_YEAR, 2, 1
TRUSTED_RECENT_APART_DAYS = 30.0  # Trusted: two conversations in the last 12 months, a month or more apart
# Time alone moves the score smoothly: a rule that lapses with time (a recency gate, the Acquainted floor) lowers
# its cap or floor by at most this many points a day, never in one step (issue 17, case 5).
RAMP_POINTS_PER_DAY = 1.0

OVERRIDE_TAGS = ("close", "family", "colleague")  # each sets an Engaged floor; checked in this order

DORMANT_DAYS = 2 * DAYS_PER_YEAR
RHYTHM_EPISODES = 3
COOLING_FACTOR, LAPSING_FACTOR = 3.0, 8.0
RHYTHM_MIN_USUAL_GAP = 30.0  # calibration: talks days apart don't set a weekly expectation (docs/depth.md)
RHYTHM_BOUT_DAYS = 7.0  # conversations less than a week apart (emails before a call) are one bout of contact


LOPSIDED_MESSAGES, LOPSIDED_SHARE = 10, 0.25  # ≥10 messages of mine, and theirs under a quarter as many


def lopsided_writing(mine: int, theirs: int) -> bool:
    """A clearly lopsided written history: at least 10 messages or replies of mine, and theirs fewer than a
    quarter as many (issue 17, case 3). The reason line and the lopsided warning both say so."""
    return mine >= LOPSIDED_MESSAGES and theirs < LOPSIDED_SHARE * mine


def worth_reviving(peak_stage: str | None) -> bool:
    """Whether a dormant tie with this peak stage is worth reviving: it was engaged or better. The review lists
    only these dormant ties, and its horizons assume so."""
    return peak_stage is not None and STAGES.index(peak_stage) >= STAGES.index("engaged")


def stage_of(score: int) -> str:
    """The stage whose band holds ``score``."""
    for stage, floor in zip(reversed(STAGES), reversed(STAGE_FLOORS), strict=True):
        if score >= floor:
            return stage
    return STAGES[0]


def band_top(stage: str) -> int:
    """The highest score of a stage's band."""
    index = STAGES.index(stage)
    return STAGE_FLOORS[index + 1] - 1 if index + 1 < len(STAGES) else 100


@dataclass(frozen=True, slots=True)
class Scorecard:
    """The score at one moment and what went into it."""

    tally: Tally
    components: Mapping[str, float]
    raw: float  # the sum of the components, before any gate
    score: int
    stage: str
    balance: float  # b: half initiation balance, half their reply rate
    history_live_share: float  # the part of the history sum that came from meetings and calls
    override: str | None  # the tag whose Engaged floor lifted the score, if it did


@dataclass(frozen=True, slots=True)
class Rhythm:
    usual_gap: float  # median days between the ends of consecutive episodes
    current_gap: float  # days since the last real conversation
    flag: str | None  # cooling | lapsing | None


@dataclass(frozen=True, slots=True)
class Standing:
    """Where the relationship stands now: the current scorecard, its flags and, when dormant, the peak."""

    card: Scorecard
    flags: tuple[str, ...]
    peak: Scorecard | None
    rhythm: Rhythm | None
    marked: str | None = None  # the user's tag that sets the Engaged floor (close, family, colleague), if any


def stand(
    timeline: Timeline,
    *,
    tags: Collection[str] = (),
    networks: Collection[str] = (),
    known: tuple[Scorecard, Decay] | None = None,
) -> Standing:
    """Score the timeline now; when dormant, also as of the last real conversation (the peak stage). ``known``:
    the peak and decay ``flags_and_peak`` found for a dormant tie with this timeline, tags and networks, which
    are then not computed again."""
    tags, on_networks = _tags(tags), _networks(networks)
    decayed = known[1] if known else decay(timeline, family="family" in tags)
    card = score_card(timeline, tally(timeline), decayed, tags=tags, networks=on_networks)
    last = card.tally.last_two_way
    if last is not None and _dormant(timeline, last):
        peak = known[0] if known else _peak(timeline, last, decayed, tags, on_networks)
        return Standing(card, ("dormant",), peak, None, _override(tags))
    rhythm = rhythm_of(card.tally.episode_ends, card.tally.as_of)
    return Standing(card, _flags(rhythm), None, rhythm, _override(tags))


def flags_and_peak(
    timeline: Timeline, *, tags: Collection[str] = (), networks: Collection[str] = ()
) -> tuple[tuple[str, ...], tuple[Scorecard, Decay] | None]:
    """``stand``'s flags and, for a dormant tie, its peak (with the decay it took, which ``stand`` can reuse),
    without the current scorecard: what the review needs of most people. The latest exchange is the one
    ``tally`` finds, so the peak is ``stand``'s."""
    last = latest_exchange(timeline)
    if last is None:
        return (), None
    if _dormant(timeline, timeline.days[last]):
        normalised = _tags(tags)
        decayed = decay(timeline, family="family" in normalised)
        peak = _peak(timeline, timeline.days[last], decayed, normalised, _networks(networks))
        return ("dormant",), (peak, decayed)
    return _flags(rhythm_of(episode_ends(timeline, last), timeline.now)), None


def has_override(tags: Collection[str]) -> bool:
    """Whether a tag sets the Engaged floor (``tags`` as the person has them; most people have none)."""
    return bool(tags) and _override(_tags(tags)) is not None


def _override(tags: Collection[str]) -> str | None:
    """The tag whose Engaged floor applies, if any (``tags`` normalised by ``_tags``)."""
    return next((t for t in OVERRIDE_TAGS if t in tags), None)


def _tags(tags: Collection[str]) -> set[str]:
    return {t.lower() for t in tags if isinstance(t, str)}


def _networks(networks: Collection[str]) -> int:
    return len({n for n in networks if n in NETWORKS})


def _dormant(timeline: Timeline, last_two_way: float) -> bool:
    """No real conversation for more than 2 years."""
    return timeline.now - last_two_way > DORMANT_DAYS


def _peak(timeline: Timeline, last: float, decayed: Decay, tags: set[str], networks: int) -> Scorecard:
    """The scorecard as of the last real conversation, as seen on that day."""
    as_then = tally(timeline, timeline.end_at(last), as_of=last)
    return score_card(timeline, as_then, decayed, tags=tags, networks=networks)


def _flags(rhythm: Rhythm | None) -> tuple[str, ...]:
    return (rhythm.flag,) if rhythm is not None and rhythm.flag else ()


def rhythm_of(episode_ends: tuple[float, ...], as_of: float) -> Rhythm | None:
    """Cooling past 3× the pair's usual gap, lapsing past 8× (Navarro 2017); needs ≥3 episodes."""
    ends = episode_ends
    if len(ends) < RHYTHM_EPISODES:
        return None
    usual = usual_gap(ends)
    current = as_of - ends[-1]
    baseline = max(usual, RHYTHM_MIN_USUAL_GAP)
    flag = None
    if current > LAPSING_FACTOR * baseline:
        flag = "lapsing"
    elif current > COOLING_FACTOR * baseline:
        flag = "cooling"
    return Rhythm(usual, current, flag)


def usual_gap(ends: Sequence[float]) -> float:
    """The median gap between bouts of contact, from the episode ends (earliest first): conversations less than a
    week after the one before (the emails that lead up to a call) are one bout, which ends with its last. 0 with
    a single bout."""
    bouts = [ends[0]]
    for end in ends[1:]:
        if end - bouts[-1] < RHYTHM_BOUT_DAYS:
            bouts[-1] = end
        else:
            bouts.append(end)
    return median(b - a for a, b in pairwise(bouts)) if len(bouts) > 1 else 0.0


def score_card(timeline: Timeline, counts: Tally, decayed: Decay, *, tags: Collection[str], networks: int) -> Scorecard:
    """Components, then the gates of §3 in order: (1) nothing → 0, (2) unacknowledged → ≤9, (3) acknowledged
    → ≥10, (4) never two-way → ≤24, (5–7) Engaged/Trusted gates clamp to the band below, (8) tags → ≥45."""
    history, warmth, live_share = _sums(timeline, counts, decayed)
    balance = reciprocity_balance(counts)
    components = {
        "history": history,
        "warmth": warmth,
        "duration": _duration(counts),
        "reciprocity": RECIPROCITY_MAX * balance * min(1.0, counts.episodes / RECIPROCITY_FULL_EPISODES),
        "mutual_help": _mutual_help(counts),
        "multiplexity": _multiplexity(counts, networks),
    }
    raw = sum(components.values())
    score = min(100, max(0, round(raw)))
    if counts.events == 0:
        score = 0
    else:
        # (2) nothing from them caps at Stranger; (3) anything from them floors at Aware
        score = max(score, ACKNOWLEDGED_FLOOR) if counts.acknowledged else min(score, UNACKNOWLEDGED_CAP)
        if not counts.two_way_any:
            score = min(score, NO_TWO_WAY_CAP)
        else:
            # Aware means no real conversation to show: never, or none for over 2 years (dormant), then gradually.
            undated = counts.episodes > len(counts.episode_ends)  # a conversation of unknown date never goes dormant
            late = 0.0 if undated else _late(counts, DORMANT_DAYS)
            score = max(score, CONVERSATION_FLOOR - int(late * RAMP_POINTS_PER_DAY))
        stage = stage_of(score)
        if stage in ("engaged", "trusted") and not engaged_gate(counts, balance):
            score = band_top("acquainted")
        elif stage == "trusted" and not trusted_gate(counts, balance):
            score = band_top("engaged")
        # The gates' recency rules, which time alone breaks: the cap comes down a point a day to the band below.
        score = min(score, _ramp_down(100, _trusted_lateness(counts), band_top("engaged")))
        score = min(score, _ramp_down(band_top("engaged"), _late(counts, ENGAGED_RECENT_DAYS), band_top("acquainted")))
    override = None
    floor = STAGE_FLOORS[STAGES.index("engaged")]
    tag = _override(tags)
    if tag is not None and score < floor:
        score, override = floor, tag
    return Scorecard(
        tally=counts,
        components=MappingProxyType({k: round(v, 1) for k, v in components.items()}),
        raw=raw,
        score=score,
        stage=stage_of(score),
        balance=balance,
        history_live_share=live_share,
        override=override,
    )


def engaged_gate(counts: Tally, balance: float) -> bool:
    """≥2 episodes over at least 2 weeks, b ≥ 0.3. (A two-way exchange within 18 months too: ``score_card``
    ramps that one down, as time alone breaks it.)"""
    first, last = counts.first_two_way, counts.last_two_way
    sustained = first is not None and last is not None and last - first >= ENGAGED_SPAN_DAYS
    return counts.episodes >= ENGAGED_EPISODES and sustained and balance >= ENGAGED_BALANCE


def trusted_gate(counts: Tally, balance: float) -> bool:
    """≥4 episodes, span ≥1 year, ≥2 meetings/calls or ≥1 service, b ≥ 0.5, and two conversations a month apart
    at some time (``score_card`` ramps down the rule that they be within the last 12 months)."""
    first, last = counts.first_two_way, counts.last_two_way
    return (
        counts.episodes >= TRUSTED_EPISODES
        and first is not None
        and last is not None
        and last - first >= TRUSTED_SPAN_DAYS
        and (counts.live_or_voice >= TRUSTED_LIVE or counts.services >= TRUSTED_SERVICES)
        and balance >= TRUSTED_BALANCE
        and _apart_before(counts) is not None
    )


def _apart_before(counts: Tally) -> float | None:
    """The end of the latest conversation a month or more before the last one: Trusted needs it in the last 12
    months, so that the relationship is sustained, not one burst of contact. None when there is none."""
    ends = counts.episode_ends
    if not ends:
        return None
    cutoff = ends[-1] - TRUSTED_RECENT_APART_DAYS
    return next((end for end in reversed(ends) if end <= cutoff), None)


def _trusted_lateness(counts: Tally) -> float:
    """How many days ago Trusted's time rule stopped holding (two conversations a month apart in the last 12
    months); 0 while it holds, or when it never held (then ``trusted_gate`` holds the score back)."""
    earlier = _apart_before(counts)
    return 0.0 if earlier is None else max(0.0, counts.as_of - TRUSTED_RECENT_DAYS - earlier)


def _late(counts: Tally, days: float) -> float:
    """How many days past ``days`` of silence since the last dated real conversation; 0 within them or undated."""
    last = counts.last_two_way
    return 0.0 if last is None else max(0.0, counts.as_of - last - days)


def _ramp_down(value: int, late: float, bottom: int) -> int:
    """No cap while a time rule holds (``late`` 0); then ``value`` less ``RAMP_POINTS_PER_DAY`` a day, down to
    ``bottom``. ``value`` is the top of the band the rule guards, so the fall starts where the score can be."""
    if late <= 0:
        return 100  # the rule holds: no cap
    return max(bottom, value - int(late * RAMP_POINTS_PER_DAY))


def reciprocity_balance(counts: Tally) -> float:
    """b = ½·min/max initiation balance + ½·their reply rate to my private messages.

    A half is measured only once it means something: the balance from 2 initiations on, the reply rate
    once one of my messages has had its 14 days. An unmeasured half takes the other's value; with neither,
    b is neutral (0.5) rather than zero, so a relationship of meetings alone is not called one-sided.
    """
    halves = []
    started = counts.initiations_me + counts.initiations_them
    if started >= 2:
        halves.append(
            min(counts.initiations_me, counts.initiations_them) / max(counts.initiations_me, counts.initiations_them)
        )
    if counts.reply_base:
        halves.append(counts.outreach_answered / counts.reply_base)
    return sum(halves) / len(halves) if halves else NEUTRAL_BALANCE


@dataclass(frozen=True, slots=True)
class Decay:
    """Each dated event's weight decayed to the timeline's now, once per assessment, oldest first.

    Decay is exponential, so the sums as of any earlier moment are the same sums over fewer events, scaled
    by one factor: "now" and "peak" cost one pass over the events between them, not two. Undated events
    are left out: history counts them at full weight instead, and warmth not at all.
    """

    history: list[float]  # w·2^(-age/3 y)
    warmth: list[float]  # w·2^(-age/half-life)
    warmth_half_life: float
    one_click: list[bool]
    live: list[bool]  # meetings and calls
    mine: list[bool]  # my written messages
    given: list[bool]  # what the other side gave: their messages, whole exchanges, meetings, calls, favours


def decay(timeline: Timeline, *, family: bool) -> Decay:
    half_life = WARMTH_HALF_LIFE * (FAMILY_WARMTH_FACTOR if family else 1.0)
    now, per_history, per_warmth = timeline.now, 1 / HISTORY_HALF_LIFE, 1 / half_life
    weights, days = timeline.weights[timeline.first_dated :], timeline.days[timeline.first_dated :]
    classes = timeline.classes[timeline.first_dated :]
    history: list[float] = []
    warmth: list[float] = []
    for w, day in zip(weights, days, strict=True):  # one loop for both: 4,000 exp2 are most of a score
        age = day - now
        history.append(w * exp2(age * per_history))
        warmth.append(w * exp2(age * per_warmth))
    return Decay(
        history=history,
        warmth=warmth,
        warmth_half_life=half_life,
        one_click=look_up(_IS_ONE_CLICK, classes),
        live=look_up(_IS_LIVE, classes),
        **_sides(timeline, timeline.first_dated, len(timeline)),
    )


def _sides(timeline: Timeline, start: int, end: int) -> dict[str, list[bool]]:
    """``Decay.mine`` and ``Decay.given`` for the events from ``start`` to ``end``, looked up by (class,
    direction) at C speed: a written message is of class private or public."""
    keys = list(zip(timeline.classes[start:end], timeline.directions[start:end], strict=True))
    # Public replies are bounded only when theirs are on record: the X archive holds mine, never theirs.
    public = not PUBLIC_KINDS.isdisjoint(timeline.kinds_present) and ("public", "them") in zip(
        timeline.classes, timeline.directions, strict=True
    )
    return {"mine": look_up(_MINE if public else _MINE_PRIVATE, keys), "given": look_up(_GIVEN, keys)}


_CLASSES = {kind.klass for kind in KINDS}
_DIRECTIONS = ("me", "them", "both", "unknown")
_MINE = {(c, d): c in ("private", "public") and d == "me" for c in _CLASSES for d in _DIRECTIONS}
_MINE_PRIVATE = {(c, d): c == "private" and d == "me" for c in _CLASSES for d in _DIRECTIONS}
_GIVEN = {
    (c, d): c in ("live", "voice", "service") or (c in ("private", "public") and d in ("them", "both"))
    for c in _CLASSES
    for d in _DIRECTIONS
}


def _sums(timeline: Timeline, counts: Tally, decayed: Decay) -> tuple[float, float, float]:
    """History depth and recent warmth as of ``counts.as_of``; one-click events add at most 2 units to each.

    Undated events count in history at full weight (they happened; we don't know when) and never in warmth.
    """
    undated = min(timeline.first_dated, counts.events)
    dated = counts.events - undated
    back = timeline.now - counts.as_of  # ≥ 0; capped so centuries-old hostile dates cannot overflow
    history_shift = exp2(min(back / HISTORY_HALF_LIFE, MAX_DOUBLINGS))
    warmth_shift = exp2(min(back / decayed.warmth_half_life, MAX_DOUBLINGS))
    decayed_history, decayed_warmth = decayed.history[:dated], decayed.warmth[:dated]
    clicks, live = decayed.one_click[:dated], decayed.live[:dated]
    weights, classes = timeline.weights[:undated], timeline.classes[:undated]
    undated_clicks, undated_live = look_up(_IS_ONE_CLICK, classes), look_up(_IS_LIVE, classes)
    history = history_shift * sum(decayed_history) + sum(weights)
    history_clicks = history_shift * sum(compress(decayed_history, clicks)) + sum(compress(weights, undated_clicks))
    history_live = history_shift * sum(compress(decayed_history, live)) + sum(compress(weights, undated_live))
    warm = warmth_shift * sum(decayed_warmth)
    warm_clicks = warmth_shift * sum(compress(decayed_warmth, clicks))
    history += min(ONE_CLICK_CAP, history_clicks) - history_clicks
    warm += min(ONE_CLICK_CAP, warm_clicks) - warm_clicks
    # One-sided writing builds nothing: my messages count for no more than the other side gave back.
    sides = _sides(timeline, 0, undated) if undated else {"mine": [], "given": []}
    mine, given = decayed.mine[:dated], decayed.given[:dated]
    history_mine = history_shift * sum(compress(decayed_history, mine)) + sum(compress(weights, sides["mine"]))
    history_given = history_shift * sum(compress(decayed_history, given)) + sum(compress(weights, sides["given"]))
    history -= max(0.0, history_mine - history_given - ONE_SIDED_ALLOWANCE)
    warm_mine = warmth_shift * (sum(compress(decayed_warmth, mine)) - sum(compress(decayed_warmth, given)))
    warm -= max(0.0, warm_mine - ONE_SIDED_ALLOWANCE)
    # Warmth is how recent the contact is, not how much there once was: however dense a tie's past, silence
    # brings its ceiling down, by half for each 18 months without a real conversation (issue 17, case 5).
    silence = counts.as_of - counts.last_two_way if counts.last_two_way is not None else 0.0
    ceiling = WARMTH_MAX * exp2(-min(silence / (decayed.warmth_half_life * WARMTH_CEILING_HALF_LIVES), MAX_DOUBLINGS))
    return (
        HISTORY_MAX * (1 - exp(-history / HISTORY_SCALE)),
        min(ceiling, WARMTH_MAX * (1 - exp(-warm / WARMTH_SCALE))),
        history_live / history if history > 0 else 0.0,
    )


def _duration(counts: Tally) -> float:
    if counts.first_two_way is None or counts.last_two_way is None:
        return 0.0
    return DURATION_MAX * min(1.0, (counts.last_two_way - counts.first_two_way) / DURATION_FULL)


def _mutual_help(counts: Tally) -> float:
    points = min(HELP_SERVICES_CAP, HELP_PER_SERVICE * counts.services)
    return points + (HELP_BOTH_WAYS if counts.services_both_ways else 0.0)


def _multiplexity(counts: Tally, networks: int) -> float:
    """Media multiplexity (Haythornthwaite 2002): meeting, call, private and public writing. Services are
    what was done, not a medium, and already score in mutual help, so they don't count twice here."""
    classes = max(0, len(counts.two_way_classes & MEDIA_CLASSES) - 1)
    return min(MULTIPLEX_MAX, MULTIPLEX_PER_CLASS * classes + (MULTIPLEX_NETWORKS if networks >= 2 else 0.0))
