"""The 2–4 "why" lines under the score (depth-model.md §5): facts (counts, dates, channels), never
adjectives about the person.

Each scoring component has at most one line that explains it, worth that component's points: the recency
line explains warmth, the meetings line the meeting-and-call share of history, and so on. Some lines are
always shown whatever their points: the flag lines (an override, dormant, a broken rhythm) first, then the
recency line, where the history came from when merged, and messages waiting for the user's reply.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from agent.depth.conversations import awaits_reply, trailing_messages
from agent.depth.phrasing import a_or_an, ago, month_year, plural, span, times, year, years_short
from agent.depth.score import RECIPROCITY_MAX, Standing, lopsided_writing
from agent.depth.tally import one_clicks
from agent.depth.timeline import Timeline
from agent.kinds import KIND_BY_ID, KINDS

MIN_LINES, MAX_LINES = 2, 4
MIN_POINTS = 0.5  # an optional line worth less than this only fills up to the minimum of 2
RECENT_INBOUND_DAYS = 90  # their unanswered messages are a must-show line only while recent
BALANCE_SHARE = 2 / 3  # "They started 4 of your 6 conversations" once one side started ≥2/3 of them
RECENT_WORDING_DAYS = 56  # within 8 weeks say "3 weeks ago"; within a year "Mar 2025"; then the year

OVERRIDE_WORDING = {"close": "as close", "family": "as family", "colleague": "as a colleague"}
NETWORK_NAMES = {"linkedin": "LinkedIn", "x": "X"}


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    points: float
    rank: int  # 0 pinned flag lines, 1 always shown, 2 optional


def reasons(timeline: Timeline, standing: Standing, *, networks: Collection[str] = ()) -> tuple[str, ...]:
    """2–4 lines: the must-show ones first, then the best-scoring optional ones, ordered by points."""
    candidates = [
        line
        for line in (
            _override(standing),
            _dormant(standing),
            _rhythm(standing),
            _recency(timeline, standing),
            _merged(standing, networks),
            _inbound(timeline),
            _meetings(standing),
            _conversations(standing),
            _reciprocity(standing),
            _duration(standing),
            _services(standing),
            _one_clicks_only(timeline, standing),
            _connection_only(standing),
        )
        if line is not None
    ]
    chosen = sorted((c for c in candidates if c.rank < 2), key=lambda c: c.rank)[:MAX_LINES]
    optional = sorted((c for c in candidates if c.rank == 2), key=lambda c: -c.points)
    for line in optional:
        if len(chosen) >= MAX_LINES or (line.points < MIN_POINTS and len(chosen) >= MIN_LINES):
            break
        chosen.append(line)
    if len(chosen) < MIN_LINES:
        chosen.append(_filler(standing))
    pinned = [c for c in chosen if c.rank == 0]
    rest = sorted((c for c in chosen if c.rank != 0), key=lambda c: -c.points)
    return tuple(c.text for c in pinned + rest)


def flag_line(standing: Standing) -> str:
    """The line of a tie's flag (dormant, cooling or lapsing), as ``reasons`` shows it: what the review says of
    a tie going cold. Raises ``ValueError`` for a tie without one."""
    line = _dormant(standing) or _rhythm(standing)
    if line is None:
        raise ValueError(f"no flag line: the tie has flags {standing.flags!r}")
    return line.text


def _override(standing: Standing) -> _Line | None:
    tag = standing.card.override
    if tag is None:
        return None
    return _Line(f"You marked this person {OVERRIDE_WORDING[tag]}, so they count as at least Engaged.", 0, 0)


def _dormant(standing: Standing) -> _Line | None:
    last = standing.card.tally.last_two_way
    if "dormant" not in standing.flags or last is None:
        return None
    peak = standing.peak.stage if standing.peak else None
    was = f" (was {peak.capitalize()})" if peak and peak != standing.card.stage else ""
    gap = span(standing.card.tally.as_of - last)
    return _Line(f"Dormant: no real conversation for {gap}{was}. Reconnect before asking.", 0, 0)


def _rhythm(standing: Standing) -> _Line | None:
    rhythm = standing.rhythm
    if rhythm is None or rhythm.flag is None:
        return None
    usual, gap = span(rhythm.usual_gap), span(rhythm.current_gap)
    return _Line(f"You usually talked every ~{usual}; it's been {gap}.", 0, 0)


def _recency(timeline: Timeline, standing: Standing) -> _Line | None:
    if "dormant" in standing.flags:
        return None  # the dormant line says how long it has been
    counts = standing.card.tally
    warmth = standing.card.components["warmth"]
    index = counts.last_two_way_index
    if index is not None:
        day = timeline.days[index]
        what = a_or_an(KIND_BY_ID[timeline.kinds[index]].name)
        age = counts.as_of - day
        # "last week" says when; a month and year only once "8 months ago" needs placing.
        when = f"{what}, {month_year(day)}" if age >= RECENT_WORDING_DAYS else what
        return _Line(f"Last real conversation {ago(age)} ({when}).", warmth, 1)
    if counts.two_way_any:
        return _Line("You've had a real conversation, but its date isn't known.", warmth, 1)
    return _Line("You've never had a two-way conversation.", warmth, 1)


def _merged(standing: Standing, networks: Collection[str]) -> _Line | None:
    names = [NETWORK_NAMES[n] for n in ("linkedin", "x") if n in networks]
    if len(names) < 2:
        return None
    return _Line(f"History combined from {' + '.join(names)} (same person).", 0, 1)


def _inbound(timeline: Timeline) -> _Line | None:
    waiting = trailing_messages(timeline, "them")
    if not waiting or not awaits_reply(timeline, waiting):
        return None  # nothing from them, or only their answer to me: no reply is owed
    text = f"They messaged you {times(len(waiting))}; you haven't replied."
    recent = timeline.now - timeline.days[waiting[-1]] <= RECENT_INBOUND_DAYS
    return _Line(text, 0, 1) if recent else _Line(text, MIN_POINTS, 2)


def _meetings(standing: Standing) -> _Line | None:
    """Meetings and calls. Their latest date is left out when the recency line already gives it (the last real
    conversation was that meeting or call), so no two lines say the same thing."""
    counts = standing.card.tally
    points = standing.card.components["history"] * standing.card.history_live_share
    latest = max((d for d in (counts.last_in_person, counts.last_call) if d is not None), default=None)
    said = latest is not None and latest == counts.last_two_way and "dormant" not in standing.flags
    if counts.in_person:
        met = "You met in person once" if counts.in_person == 1 else f"You've met in person {counts.in_person}×"
        calls = f" and had {_calls(counts.calls)}" if counts.calls else ""
        if counts.last_in_person is None or (said and counts.last_in_person == latest):
            return _Line(f"{met}{calls}.", points, 2)
        when = _when(counts.as_of, counts.last_in_person)
        last = f" ({when})" if counts.in_person == 1 else f" (last: {when})"
        return _Line(f"{met}{last}{calls}.", points, 2)
    if counts.calls:
        if counts.last_call is None or said:
            text = "One call so far." if counts.calls == 1 else f"{plural(counts.calls, 'call')} in all."
            return _Line(text, points, 2)
        when = ago(counts.as_of - counts.last_call)
        if counts.calls == 1:
            return _Line(f"A call {when}.", points, 2)
        return _Line(f"{plural(counts.calls, 'call')}, the last one {when}.", points, 2)
    return None


def _calls(count: int) -> str:
    """``a call``, ``3 calls``: "had 1 call" is not how anyone says it."""
    return "a call" if count == 1 else plural(count, "call")


def _conversations(standing: Standing) -> _Line | None:
    """History's line when there were no meetings or calls: how many real conversations, over what."""
    counts = standing.card.tally
    if counts.live_or_voice or not counts.episodes:
        return None
    media = [
        word for cls, word in (("private", "message"), ("public", "public reply")) if cls in counts.two_way_classes
    ]
    over = f", by {' and '.join(media)}" if media else ""
    return _Line(
        f"{plural(counts.episodes, 'real conversation')} in all{over}.", standing.card.components["history"], 2
    )


def _reciprocity(standing: Standing) -> _Line | None:
    counts = standing.card.tally
    points = standing.card.components["reciprocity"]
    mine, theirs = counts.my_messages, counts.messages - counts.my_messages
    if lopsided_writing(mine, theirs):
        return _Line(f"You've written {times(mine)}; they've written {times(theirs)}.", RECIPROCITY_MAX - points, 2)
    reached, replied = counts.outreach, counts.outreach_answered
    if replied < reached and (reached >= 2 or not counts.two_way_any):
        answer = f"they replied {times(replied)}" if replied else "no reply so far"
        return _Line(f"You reached out {times(reached)}; {answer}.", max(MIN_POINTS, RECIPROCITY_MAX - points), 2)
    mine, theirs = counts.initiations_me, counts.initiations_them
    total = mine + theirs
    if total >= 3 and max(mine, theirs) >= BALANCE_SHARE * total:
        who, count = ("They", theirs) if theirs > mine else ("You", mine)
        share = f"all {total}" if count == total else f"{count} of your {total}"
        return _Line(f"{who} started {share} conversations.", points, 2)
    return None


def _duration(standing: Standing) -> _Line | None:
    """Known since the first real conversation: a connection nobody spoke on is not knowing someone."""
    first = standing.card.tally.first_two_way
    if first is None:
        return None
    known = years_short(first, standing.card.tally.as_of)
    text = f"Known since {year(first)} ({known}); first real conversation {month_year(first)}."
    return _Line(text, standing.card.components["duration"], 2)


def _services(standing: Standing) -> _Line | None:
    counts = standing.card.tally
    if not counts.services:
        return None
    points = standing.card.components["mutual_help"]
    theirs, mine = counts.services_from_them, counts.services_from_me
    if theirs and mine:
        return _Line(f"Help both ways: {_favours(theirs)} from them and {_favours(mine)} from you.", points, 2)
    if counts.services_mutual:
        return _Line(f"Help both ways: you've helped each other {times(counts.services_mutual)}.", points, 2)
    if theirs:
        return _Line(f"Help has gone one way: they've helped you {times(len(theirs))}{_which(theirs)}.", points, 2)
    if mine:
        return _Line(f"Help has gone one way: you've helped them {times(len(mine))}{_which(mine)}.", points, 2)
    return _Line(f"Help logged {times(counts.services)}.", points, 2)


def _one_clicks_only(timeline: Timeline, standing: Standing) -> _Line | None:
    counts = standing.card.tally
    if counts.two_way_any or counts.messages:
        return None
    clicks = one_clicks(timeline, counts.events)
    likes_mine, likes_theirs = clicks[("like", "me")], clicks[("like", "them")]
    endorsements = sum(n for (kind, _), n in clicks.items() if kind == "endorsement")
    parts = []
    if likes_mine or likes_theirs:
        likes = plural(likes_mine + likes_theirs, "like")
        if likes_mine and likes_theirs:
            likes = f"{plural(likes_mine, 'like')} from you and {likes_theirs} from them"
        elif likes_theirs:
            likes += " from them"
        parts.append(likes)
    if endorsements:
        parts.append(plural(endorsements, "endorsement"))
    if not parts:
        follows = {d for (kind, d), n in clicks.items() if kind == "follow" and n}
        if not follows & {"me", "them"}:
            return None
        parts.append(
            "you follow each other"
            if {"me", "them"} <= follows
            else ("you follow them" if "me" in follows else "they follow you")
        )
    return _Line(f"Only one-click activity: {', '.join(parts)}, no conversation.", MIN_POINTS, 2)


def _connection_only(standing: Standing) -> _Line | None:
    counts = standing.card.tally
    if not counts.connected or counts.two_way_any or counts.messages:
        return None
    network = NETWORK_NAMES.get(counts.connection_network or "linkedin", "LinkedIn")
    since = f" since {month_year(counts.connected_day)}" if counts.connected_day is not None else ""
    return _Line(f"Connected on {network}{since}; never messaged.", MIN_POINTS, 2)


def _filler(standing: Standing) -> _Line:
    counts = standing.card.tally
    if not counts.events:
        return _Line("Nothing logged or imported with this person yet.", 0, 0)
    if counts.two_way_any:
        return _Line(f"{plural(counts.events, 'interaction')} on record.", 0, 2)
    if counts.events == 1:
        return _Line("1 interaction on record, not a conversation.", 0, 2)
    return _Line(f"{plural(counts.events, 'interaction')} on record, none of them a conversation.", 0, 2)


def _when(now: float, day: float) -> str:
    age = now - day
    if age < RECENT_WORDING_DAYS:
        return ago(age)
    return month_year(day) if age < 365 else year(day)


def _which(kinds: tuple[str, ...]) -> str:
    """`` (2 intros, a favour)``: which favours, unless every one was a plain favour ("helped you once")."""
    plain = all(not KIND_BY_ID[kind].favour or KIND_BY_ID[kind].favour == "helped you" for kind in kinds)
    return "" if plain else f" ({_favours(kinds)})"


def _favours(kinds: tuple[str, ...]) -> str:
    """``an intro``, ``2 intros, a recommendation``: each kind counted once, in the kinds table's order."""
    counted = Counter(kinds)
    words = [
        a_or_an(kind.name) if counted[kind.id] == 1 else plural(counted[kind.id], kind.name)
        for kind in KINDS
        if counted[kind.id]
    ]
    return ", ".join(words)
