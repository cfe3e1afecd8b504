"""Interaction records → one time-ordered timeline carrying the derived facts of depth-model.md §2.

Per event: its effective class and weight, whether a composed message was answered or was itself a reply,
whether it is a two-way exchange, and who opened the conversation. Over the whole timeline: the episodes
(clusters of two-way exchanges at most 7 days apart).

Times are days since 1970-01-01 UTC as floats. A date without a time is taken as noon UTC, so it lands on
the same calendar day in every timezone within ±12 h. Undated events (``at`` missing or unreadable, e.g.
X follows) get the day ``UNDATED`` (-inf): they sort first and any time decay takes them to zero, so they
count for gates ("they follow me") and history, never for recency, duration, episodes or rhythm.

This runs on every overlay view, for people with thousands of messages: the columns are looked up at C
speed (``columns.look_up``), the two passes in Python (pairing replies, then episodes) touch only messages
and exchanges, and the timeline keeps the positions and facts that the scorecard, loops and warnings would
otherwise find by scanning every event again.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import compress, islice
from math import sqrt
from operator import attrgetter, gt, not_
from types import MappingProxyType

from agent.days import EPOCH, SECONDS_PER_DAY, UNDATED
from agent.days import parse_day as parse_day  # re-exported: the timeline's tests and callers read it here
from agent.days import parse_days as parse_days
from agent.depth.columns import forward, look_up
from agent.depth.threads import conversation_key
from agent.kinds import KIND_BY_ID
from agent.records import Interaction, days_of

REPLY_WINDOW_DAYS = 14.0  # "they replied" without a shared thread counts within 14 days (§2)
CONVERSATION_GAP_DAYS = 3.0  # written exchanges of one conversation at most 3 days apart are one episode ...
CONVERSATION_MAX_DAYS = 14.0  # ... within 2 weeks of its first: a daily thread is not one conversation for years
SILENCE_DAYS = 14.0  # a message after ≥14 days without conversation is an initiation (§2)
FUTURE_SLACK_DAYS = 1.0  # clock and timezone skew: up to a day ahead counts as "now"; later is ignored
UNANSWERED_FACTOR = 0.25  # a private message pending or unanswered counts at ×0.25 (§2)

TWO_WAY_CLASSES = frozenset({"live", "voice", "service"})
SIDES = frozenset({"me", "them"})
OTHER_SIDE = MappingProxyType({"me": "them", "them": "me"})
DIRECTIONS = frozenset({"me", "them", "both", "unknown"})
BARE_REQUEST_WEIGHT = KIND_BY_ID["follow"].weight  # a request without a note asks no more than a follow


def now_day(now: datetime) -> float:
    """The evaluation moment as a day number; a naive ``now`` is taken as UTC."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return now.timestamp() / SECONDS_PER_DAY


def day_to_date(day: float) -> date:
    """The UTC calendar date of a (dated) day number."""
    return EPOCH + timedelta(days=int(day // 1))


@dataclass(frozen=True, slots=True)
class Timeline:
    """Events oldest first (undated ones before all dated ones), as parallel tuples indexed alike."""

    now: float
    records: tuple[Interaction, ...]
    days: tuple[float, ...]
    kinds: tuple[str, ...]  # kind ids
    directions: tuple[str, ...]  # me | them | both | unknown (anything else became unknown)
    classes: tuple[str, ...]  # live | voice | service | private | public | one_click (bare request → one_click)
    composed: tuple[bool, ...]  # a written message that can be answered
    weights: tuple[float, ...]  # channel weight after the ×0.25 unanswered discount
    answered: tuple[bool, ...]  # the other side wrote back in the same conversation
    replies: tuple[bool, ...]  # this message answered one of theirs
    two_way: tuple[bool, ...]
    initiated_by: tuple[str | None, ...]  # "me" | "them" on the messages that opened a conversation
    episodes: tuple[tuple[float, float], ...]  # (first day, last day) of each dated episode, by first day
    first_dated: int  # index of the first dated event (== len when none)
    tails: tuple[tuple[str, tuple[int, ...]], ...]  # per private conversation: who wrote last, their last run
    # Positions of some events, oldest first, and counts by kind: what the scorecard, loops and warnings
    # look up instead of scanning every event again.
    exchanges: tuple[int, ...]  # two-way events, undated ones first
    messages: tuple[int, ...]  # dated messages (composed)
    mine: tuple[int, ...]  # my dated messages
    theirs: tuple[int, ...]  # their dated messages
    outreach: tuple[int, ...]  # my dated private messages that were not replies
    answered_outreach: tuple[int, ...]  # those of them that were answered
    openers: tuple[int, ...]  # messages that opened a conversation (``initiated_by`` is set)
    kinds_present: frozenset[str]  # the kinds of all events, to ask "any call at all?" without a scan
    last_talk: int  # the latest dated meeting or call, or -1
    last_act: Mapping[str, int]  # me | them | both → their latest dated event beyond a one-click action, or -1

    def __len__(self) -> int:
        return len(self.records)

    def count(self, kind: str, end: int) -> int:
        """How many of the first ``end`` events are of ``kind``."""
        return self.kinds[:end].count(kind) if kind in self.kinds_present else 0

    def has_any(self, kinds: Iterable[str]) -> bool:
        """Whether any event is of one of ``kinds``."""
        return not self.kinds_present.isdisjoint(kinds)

    def end_at(self, day: float) -> int:
        """How many events (undated included) happened at or before ``day``."""
        return bisect_right(self.days, day)


def build_timeline(interactions: Iterable[Interaction], now: float) -> Timeline:
    """Normalise, order and annotate one person's interactions as seen at ``now``.

    Unknown kinds are skipped. Events more than a day after ``now`` have not happened yet and are
    skipped; a day ahead or less is clamped to ``now``.
    """
    records = list(interactions)
    # Comprehensions read a slot faster than map(attrgetter) (3.11's specialised attribute reads).
    kinds, directions = [r.kind for r in records], [r.direction for r in records]
    if not _plain(kinds, directions):
        records, kinds = _known_kinds(records)
        directions = _directions(records)
    records, kinds, directions = _without_logged_duplicates(records, kinds, directions)
    records, kinds, directions = _without_cross_network_duplicates(records, kinds, directions)
    records, kinds, directions, days = _in_time_order(records, kinds, directions, days_of(records), now)
    first_dated = bisect_right(days, UNDATED)
    kinds_present = frozenset(kinds)
    classes, composed, weights, two_way = _channels(records, kinds, kinds_present, directions, first_dated)
    n = len(days)
    natural = list(compress(range(first_dated, n), two_way[first_dated:]))  # dated meetings, calls, favours
    messages = list(compress(range(first_dated, n), composed[first_dated:]))  # dated, oldest first
    answered, replies, tails, written, conversations = _pair_replies(
        records, days, kinds, directions, classes, messages, two_way
    )
    # Both lists are in time order: sorting their concatenation is one merge.
    talk = sorted(natural + messages)
    episodes, initiated_by, openers = _episodes_and_openers(
        days, classes, directions, conversations, two_way, replies, weights, talk
    )
    mine = written["me"]
    outreach = [i for i in mine if not replies[i] and classes[i] == "private"]
    last_talk, last_act = _latest_acts(directions, classes, natural, written)
    return Timeline(
        now=now,
        records=tuple(records),
        days=tuple(days),
        kinds=tuple(kinds),
        directions=tuple(directions),
        classes=tuple(classes),
        composed=tuple(composed),
        weights=tuple(weights),
        answered=tuple(answered),
        replies=tuple(replies),
        two_way=tuple(two_way),
        initiated_by=tuple(initiated_by),
        episodes=tuple(episodes),
        first_dated=first_dated,
        tails=tails,
        exchanges=tuple(compress(range(n), two_way)),
        messages=tuple(messages),
        mine=tuple(mine),
        theirs=tuple(written["them"]),
        outreach=tuple(outreach),
        answered_outreach=tuple([i for i in outreach if answered[i]]),
        openers=tuple(openers),
        kinds_present=kinds_present,
        last_talk=last_talk,
        last_act=last_act,
    )


def _in_time_order(
    records: list[Interaction], kinds: list[str], directions: list[str], days: list[float], now: float
) -> tuple[list[Interaction], list[str], list[str], list[float]]:
    """Drop what is more than a day ahead of ``now``, clamp the rest to ``now``, and sort oldest first."""
    if not days:
        return records, kinds, directions, days
    if any(map(gt, days, islice(days, 1, None))):  # stops at the first event out of order
        order = sorted(range(len(days)), key=days.__getitem__)  # stable: same-moment events keep store order
        ordered = look_up(days, order)
        if ordered[-1] <= now:  # the usual case: nothing ahead of now, so nothing to drop or clamp
            return look_up(records, order), look_up(kinds, order), look_up(directions, order), ordered
    elif days[-1] <= now:
        return records, kinds, directions, days
    return _ahead_of_now_dropped(records, kinds, directions, days, now)


def _ahead_of_now_dropped(
    records: list[Interaction], kinds: list[str], directions: list[str], days: list[float], now: float
) -> tuple[list[Interaction], list[str], list[str], list[float]]:
    """``_in_time_order`` for a history with events after ``now``."""
    latest = now + FUTURE_SLACK_DAYS
    kept = [i for i, d in enumerate(days) if d <= latest]
    records, kinds, directions = look_up(records, kept), look_up(kinds, kept), look_up(directions, kept)
    days = [min(days[i], now) for i in kept]
    if any(map(gt, days, islice(days, 1, None))):  # stops at the first event out of order
        order = sorted(range(len(days)), key=days.__getitem__)  # stable: same-moment events keep store order
        records, kinds, directions, days = (look_up(column, order) for column in (records, kinds, directions, days))
    return records, kinds, directions, days


def _plain(kinds: Sequence[object], directions: Sequence[object]) -> bool:
    """Whether every kind is in the kinds table and every direction is one of the four: the usual history."""
    try:
        return _KIND_IDS.issuperset(kinds) and DIRECTIONS.issuperset(directions)
    except TypeError:  # an unhashable kind or direction
        return False


def _known_kinds(records: list[Interaction]) -> tuple[list[Interaction], list[str]]:
    """The records whose kind is in the kinds table, and their kinds."""
    kinds = list(map(_kind, records))
    try:
        if _KIND_IDS.issuperset(kinds):
            return records, kinds
    except TypeError:  # an unhashable kind
        pass
    known = [i for i, k in enumerate(kinds) if type(k) is str and k in _KIND_IDS]
    return look_up(records, known), look_up(kinds, known)


def _directions(records: list[Interaction]) -> list[str]:
    """Each record's direction; anything outside me/them/both/unknown becomes unknown."""
    directions = list(map(_direction, records))
    try:
        if DIRECTIONS.issuperset(directions):
            return directions
    except TypeError:  # an unhashable direction
        pass
    return [d if type(d) is str and d in DIRECTIONS else "unknown" for d in directions]


_KIND_IDS = frozenset(KIND_BY_ID)


def _without_logged_duplicates(
    records: list[Interaction], kinds: list[str], directions: list[str]
) -> tuple[list[Interaction], list[str], list[str]]:
    """Drop a manual or page log that repeats an imported event (same kind, direction and calendar day); the
    records' kinds are known and their directions normalised.

    The user often logs by hand what a later import also brings; the import has the exact time and thread,
    so it wins. A log that carries the user's own ask flag or promise is kept: losing a loop is worse than
    counting one message twice. Two records from the same source are never merged: two likes on one day
    are two likes. Only the few logs by hand can go, and only for an import of their own kind: the keys of
    those imports alone are built, rather than one for each of thousands of imported messages.
    """
    sources = [r.source_id for r in records]
    if all(sources) or not any(sources):
        return records, kinds, directions  # nothing logged by hand, or nothing imported
    # Only a kind both logged and imported can repeat: usually none (the user logs meetings, imports bring DMs).
    shared = set(compress(kinds, sources)).intersection(compress(kinds, map(not_, sources)))
    if not shared:
        return records, kinds, directions
    logged = [
        i
        for i in compress(range(len(records)), map(not_, sources))
        if kinds[i] in shared and not records[i].ask and records[i].follow_up is None and isinstance(records[i].at, str)
    ]
    if not logged:
        return records, kinds, directions
    wanted = {(kinds[i], directions[i], records[i].at[:10]) for i in logged}  # type: ignore[index]  # a str
    wanted_kinds = {kind for kind, _, _ in wanted}
    imported = (
        (kinds[i], directions[i], at[:10])
        for i in compress(range(len(records)), map(wanted_kinds.__contains__, kinds))
        if sources[i] and isinstance(at := records[i].at, str)
    )
    duplicates = wanted.intersection(imported)
    if not duplicates:
        return records, kinds, directions
    dropped = {i for i in logged if (kinds[i], directions[i], records[i].at[:10]) in duplicates}  # type: ignore[index]
    kept = [i for i in range(len(records)) if i not in dropped]
    return look_up(records, kept), look_up(kinds, kept), look_up(directions, kept)


def _without_cross_network_duplicates(
    records: list[Interaction], kinds: list[str], directions: list[str]
) -> tuple[list[Interaction], list[str], list[str]]:
    """A merged history (spec §3, "deduplicate same-day duplicates"): the same meeting, call, email or favour
    logged on both profiles before they were linked counts once.

    Among logs by hand of such a kind with the same direction and calendar day, the network holding the most
    keeps them all and the others' are dropped; two meetings logged on one profile on one day stay two. A log
    carrying an ask or a promise is never dropped (losing a loop is worse than counting a meeting twice), nor
    is an import. Records stay in the store: unlinking gives each profile its own again.
    """
    shared = list(compress(range(len(kinds)), look_up(_NETWORK_FREE, kinds)))  # kinds are known here
    if len(shared) < 2:
        return records, kinds, directions
    logged = [i for i in shared if not records[i].source_id]  # imports are never dropped: only these can go
    try:
        if len({records[i].network for i in logged}) < 2:
            return records, kinds, directions  # the usual case: all on one network
    except TypeError:  # an unhashable network (a damaged record): the loop below skips it
        pass
    by_day: dict[tuple[str, str, str], dict[object, list[int]]] = {}
    for i in logged:
        record = records[i]
        if not isinstance(record.at, str) or not isinstance(record.network, str):
            continue
        key = (kinds[i], directions[i], record.at[:10])
        by_day.setdefault(key, {}).setdefault(record.network, []).append(i)
    kept = [True] * len(records)
    dropped = False
    for by_network in by_day.values():
        if len(by_network) < 2:
            continue  # the usual case: one network (not merged, or logged on one profile only)
        keeping = max(by_network, key=lambda network: len(by_network[network]))  # the first of the most
        for network, logs in by_network.items():
            if network != keeping:
                for i in logs:
                    if not records[i].ask and records[i].follow_up is None:
                        kept[i], dropped = False, True
    if not dropped:
        return records, kinds, directions
    positions = list(compress(range(len(records)), kept))  # at C speed: a merged history can be thousands long
    return look_up(records, positions), look_up(kinds, positions), look_up(directions, positions)


# Lookup tables derived from the kinds table, read-only by convention like KIND_BY_ID itself (a plain dict's
# lookup is twice as fast as a MappingProxyType's, and this runs for every event on every view).
_CLASS = {k.id: k.klass for k in KIND_BY_ID.values()}
_COMPOSED = {k.id: k.composed or k.id == "connection_request" for k in KIND_BY_ID.values()}
_WEIGHT = {k.id: k.weight for k in KIND_BY_ID.values()}
_TWO_WAY = {k.id: k.klass in TWO_WAY_CLASSES for k in KIND_BY_ID.values()}
SERVICE_KINDS = frozenset(k.id for k in KIND_BY_ID.values() if k.klass == "service")
# For the review's horizon (``review_items_impossible_until``): the kinds that can be a message (a connection
# request only with a note), those two-way by nature, and the public ones (their own unthreaded conversation).
MAYBE_COMPOSED_KINDS = frozenset(kind for kind, composed in _COMPOSED.items() if composed)
TWO_WAY_KINDS = frozenset(kind for kind, two_way in _TWO_WAY.items() if two_way)
# The same event whichever profile it was logged on (a meeting, a call, an email, a favour), unlike a DM, a
# comment or a like, which happen on one site.
NETWORK_FREE_KINDS = frozenset(kind for kind, klass in _CLASS.items() if klass in TWO_WAY_CLASSES) | {"email"}
_NETWORK_FREE = {kind: kind in NETWORK_FREE_KINDS for kind in _CLASS}


def any_log_may_be_dropped(records: Sequence[Interaction]) -> bool:
    """Whether ``build_timeline``'s duplicate removal could drop a record. It drops only logs by hand (every
    import is kept): one that repeats an import, or one that repeats a log on another network. So with nothing
    imported and every log by hand on one network, every record is kept. Stops at the first import."""
    if any(map(_source_id, records)):
        return True
    shared = (r for r in records if type(r.kind) is str and r.kind in NETWORK_FREE_KINDS)
    return len({r.network for r in shared if type(r.network) is str}) > 1


def _channels(
    records: list[Interaction], kinds: list[str], kinds_present: frozenset[str], directions: list[str], first_dated: int
) -> tuple[list[str], list[bool], list[float], list[bool]]:
    """Class, composed flag, base weight, and two-way by nature, per event.

    A connection request is a message only with a note. Meetings, calls and favours are two-way, and so is
    an undated message that records a whole exchange (``both``); ``_pair_replies`` marks the dated messages.
    """
    classes, composed = look_up(_CLASS, kinds), look_up(_COMPOSED, kinds)
    weights, two_way = look_up(_WEIGHT, kinds), look_up(_TWO_WAY, kinds)
    if "connection_request" in kinds_present:
        for i in forward(kinds, "connection_request"):
            if not _has_text(records[i].note):
                classes[i], composed[i], weights[i] = "one_click", False, BARE_REQUEST_WEIGHT
    for i in compress(range(first_dated), composed):
        if directions[i] == "both":
            two_way[i] = True
    return classes, composed, weights, two_way


def _has_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _latest_acts(
    directions: list[str], classes: list[str], natural: list[int], written: dict[str, list[int]]
) -> tuple[int, dict[str, int]]:
    """The latest dated meeting or call, and per side (and ``both``) its latest dated event beyond a one-click
    action (-1 for none). Those events are the dated meetings, calls and favours (``natural``) and the dated
    messages (``written`` by side), so only the few natural ones are read one by one."""
    last_talk = -1
    latest = {"me": -1, "them": -1, "both": -1}
    for i in natural:
        if classes[i] != "service":
            last_talk = i
        latest[directions[i]] = i
    last_act = {side: max(latest[side], written[side][-1] if written[side] else -1) for side in ("me", "them", "both")}
    return last_talk, last_act


def _pair_replies(
    records: list[Interaction],
    days: list[float],
    kinds: list[str],
    directions: list[str],
    classes: list[str],
    messages: list[int],
    two_way: list[bool],
) -> tuple[list[bool], list[bool], tuple[tuple[str, tuple[int, ...]], ...], dict[str, list[int]], dict[int, object]]:
    """Mark answered messages and replies in one pass over the dated ``messages``, oldest first, and mark
    both kinds two-way in ``two_way``; also return each private conversation's tail (the side that wrote
    last and its unanswered run), for the open loops, the positions of the messages by direction
    (me, them, both), and each such message's conversation (``conversation_key``), for the episodes.

    A conversation is a thread, or, for messages without one (manual logs), everything unthreaded in the
    same channel group (private or public). When a side writes after the other side's run of messages,
    that run is answered: all of it in a thread, the last 14 days of it when unthreaded. Linear: each
    message joins one run and leaves it once.
    """
    n = len(days)
    answered = [False] * n
    replies = [False] * n
    runs: dict[object, tuple[str, list[int]]] = {}  # conversation → (side of the current run, its messages)
    mine: list[int] = []
    theirs: list[int] = []
    both: list[int] = []
    answered_runs = []  # threaded runs that the other side answered: all of each run
    conversations: dict[int, object] = {}
    for i in messages:
        side = directions[i]
        if side == "me":
            mine.append(i)
        elif side == "them":
            theirs.append(i)
        else:
            if side == "both":  # one record for a whole exchange
                answered[i] = replies[i] = two_way[i] = True
                both.append(i)
                conversations[i] = conversation_key(records[i].thread, kinds[i])
            continue
        thread = records[i].thread
        if type(thread) is str and thread:  # a thread: its reply counts however late
            conversations[i] = thread  # conversation_key's answer for a thread, without the call
            run = runs.get(thread)
            if run is None:
                runs[thread] = (side, [i])
            elif run[0] == side:
                run[1].append(i)
            else:
                replies[i] = two_way[i] = True
                answered_runs.append(run[1])
                runs[thread] = (side, [i])
            continue
        key = conversations[i] = conversation_key(thread, kinds[i])
        run = runs.get(key)
        if run is None:
            runs[key] = (side, [i])
        elif run[0] == side:
            run[1].append(i)
        else:
            _answer_within_window(run[1], i, days, answered, replies, two_way)
            runs[key] = (side, [i])
    for indices in answered_runs:
        for j in indices:
            answered[j] = two_way[j] = True
    tails = tuple([(side, tuple(run)) for side, run in runs.values() if classes[run[0]] == "private"])
    return answered, replies, tails, {"me": mine, "them": theirs, "both": both}, conversations


def _answer_within_window(
    run: list[int], reply: int, days: list[float], answered: list[bool], replies: list[bool], two_way: list[bool]
) -> None:
    """Without a thread, ``reply`` answers only the messages of ``run`` from the 14 days before it."""
    cutoff = days[reply] - REPLY_WINDOW_DAYS
    for j in run:
        if days[j] >= cutoff:
            answered[j] = two_way[j] = True
            replies[reply] = two_way[reply] = True


_thread = attrgetter("thread")
_kind, _direction, _source_id = attrgetter("kind"), attrgetter("direction"), attrgetter("source_id")


def _episodes_and_openers(
    days: list[float],
    classes: list[str],
    directions: list[str],
    conversations: dict[int, object],
    two_way: list[bool],
    replies: list[bool],
    weights: list[float],
    talk: list[int],
) -> tuple[list[tuple[float, float]], list[str | None], list[int]]:
    """One pass, oldest first, over the dated exchanges and messages (``talk``), once they are paired.

    Episodes (real conversations): a meeting, a call or a favour is one of its own, however close to another. A
    written exchange joins the latest episode of its conversation (``conversations``: each message's
    ``conversation_key``) when it comes within ``CONVERSATION_GAP_DAYS`` of that episode's last exchange, or
    answers within ``REPLY_WINDOW_DAYS`` of it (a reply a week later is the same conversation), and never more
    than ``CONVERSATION_MAX_DAYS`` after its first; otherwise it starts one. Weekly emails are weekly
    conversations, never one chained across weeks. The k-th written exchange of an episode weighs 1/√k (a
    burst of messages is one conversation, not trust).
    Initiations: a private message opens a conversation when it is the first private message of its episode,
    or comes after ≥14 days in which neither side wrote privately (meetings and calls do not enter this, so
    logging one never changes who started what). And, in ``weights``: a private message that is not two-way
    is pending or unanswered, and counts ×0.25 (§2; undated ones can't be pending).
    """
    n = len(days)
    initiated_by: list[str | None] = [None] * n
    openers: list[int] = []
    firsts: list[float] = []  # per episode, by first day: its first day ...
    lasts: list[float] = []  # ... its last day ...
    sizes: list[int] = []  # ... and its written exchanges so far
    latest: dict[object, int] = {}  # conversation -> its latest written episode
    opened: set[int] = set()  # written episodes that have had a private message
    last_written = UNDATED  # the latest private message, or written exchange, from either side
    for i in talk:
        day = days[i]
        exchange = two_way[i]
        episode = -1
        if exchange:
            if classes[i] in TWO_WAY_CLASSES:
                firsts.append(day)
                lasts.append(day)
                sizes.append(0)
                continue
            key = conversations[i]
            episode = latest.get(key, -1)
            if (
                episode >= 0
                and day - firsts[episode] <= CONVERSATION_MAX_DAYS
                and day - lasts[episode] <= (REPLY_WINDOW_DAYS if replies[i] else CONVERSATION_GAP_DAYS)
            ):
                lasts[episode] = day
                sizes[episode] += 1
                weights[i] /= sqrt(sizes[episode])  # returns diminish within one conversation
            else:
                episode = latest[key] = len(firsts)
                firsts.append(day)
                lasts.append(day)
                sizes.append(1)
        if classes[i] != "private":
            if exchange:
                last_written = day
            continue
        side = directions[i]
        if side in SIDES and ((exchange and episode not in opened) or day - last_written >= SILENCE_DAYS):
            initiated_by[i] = side
            openers.append(i)
        if exchange:
            opened.add(episode)
        else:
            weights[i] *= UNANSWERED_FACTOR
        last_written = day
    return list(zip(firsts, lasts, strict=True)), initiated_by, openers
