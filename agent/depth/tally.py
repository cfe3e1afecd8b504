"""Counts over a timeline up to a moment: the facts the score's gates, the reasons and the warnings read.

The same tally serves "now" and "as of the last real conversation" (the peak stage). Counting bisects
the positions the timeline keeps (its exchanges, outreach, openers) and otherwise scans columns in C
(``tuple.count``, ``columns``), never with a Python loop over every event: this runs on every overlay view.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter

from agent.depth import columns
from agent.depth.timeline import REPLY_WINDOW_DAYS, SERVICE_KINDS, Timeline

RECENT_ONE_CLICK_DAYS = 30.0  # one-click actions "in the last 30 days" (W7)

_episode_start = itemgetter(0)


@dataclass(frozen=True, slots=True)
class Tally:
    as_of: float
    events: int
    acknowledged: bool  # they did anything at all: followed, liked, accepted, wrote, met
    two_way_any: bool  # any two-way exchange, dated or not
    first_two_way: float | None  # dated two-way exchanges only
    last_two_way: float | None
    last_two_way_index: int | None
    episodes: int  # dated episodes, plus one for all undated two-way exchanges together
    episode_ends: tuple[float, ...]  # last day of each dated episode, oldest first
    in_person: int
    last_in_person: float | None
    calls: int
    last_call: float | None
    services_from_me: tuple[str, ...]  # kind ids, oldest first
    services_from_them: tuple[str, ...]
    services_mutual: int  # direction "both": help that went both ways in one go
    services_unsided: int  # direction unknown
    two_way_classes: frozenset[str]
    initiations_me: int
    initiations_them: int
    outreach: int  # my private messages that were not replies to theirs
    outreach_answered: int
    reply_base: int  # outreach answered or past its 14 days: what the reply rate divides by
    messages: int  # composed messages from either side, dated or not
    my_messages: int
    my_recent_one_clicks: int  # mine in the last 30 days
    connected: bool
    connected_day: float | None
    connection_network: str | None

    @property
    def services(self) -> int:
        return len(self.services_from_me) + len(self.services_from_them) + self.services_mutual + self.services_unsided

    @property
    def services_both_ways(self) -> bool:
        return bool(self.services_mutual or (self.services_from_me and self.services_from_them))

    @property
    def live_or_voice(self) -> int:
        return self.in_person + self.calls


def one_clicks(timeline: Timeline, end: int) -> Counter[tuple[str, str]]:
    """(kind id, direction) → count of the one-click events among the first ``end``.

    Apart from the tally: only the lines and warnings about people one has never talked with read it.
    """
    tl = timeline
    one_click = map("one_click".__eq__, tl.classes[:end])
    return Counter(compress(zip(tl.kinds[:end], tl.directions[:end], strict=True), one_click))


def tally(timeline: Timeline, end: int | None = None, as_of: float | None = None) -> Tally:
    """Count the first ``end`` events (all by default) as seen at ``as_of`` (the timeline's now by default)."""
    tl = timeline
    end = len(tl) if end is None else end
    as_of = tl.now if as_of is None else as_of
    first_dated = min(tl.first_dated, end)
    days = tl.days
    kinds, directions = tl.kinds[:end], tl.directions[:end]
    exchanges = tl.exchanges[: bisect_left(tl.exchanges, end)]
    undated_exchanges = bisect_left(exchanges, first_dated)
    dated_exchanges = exchanges[undated_exchanges:]
    first, last = (dated_exchanges[0], dated_exchanges[-1]) if dated_exchanges else (None, None)
    in_person_count, call_count = tl.count("in_person", end), tl.count("call", end)
    in_person = columns.last(kinds, "in_person", first_dated) if in_person_count else None
    calls = columns.last(kinds, "call", first_dated) if call_count else None
    services = _services(tl, end)
    mine = tl.mine[: bisect_left(tl.mine, end)]
    outreach = tl.outreach[: bisect_left(tl.outreach, end)]
    settled = bisect_right(days, as_of - REPLY_WINDOW_DAYS, 0, end)  # messages whose 14 days have passed
    unsettled = bisect_left(outreach, settled)  # outreach[unsettled:] is still within its 14 days
    connection = columns.first(kinds, "connection_accepted", 0) if "connection_accepted" in tl.kinds_present else None
    opened = [tl.initiated_by[i] for i in tl.openers[: bisect_left(tl.openers, end)]]
    ends = episode_ends(tl, last) if last is not None else ()
    return Tally(
        as_of=as_of,
        events=end,
        acknowledged=bool(exchanges) or "them" in directions or "both" in directions or connection is not None,
        two_way_any=bool(exchanges),
        first_two_way=days[first] if first is not None else None,
        last_two_way=days[last] if last is not None else None,
        last_two_way_index=last,
        episodes=len(ends) + (undated_exchanges > 0),
        episode_ends=ends,
        in_person=in_person_count,
        last_in_person=days[in_person] if in_person is not None else None,
        calls=call_count,
        last_call=days[calls] if calls is not None else None,
        services_from_me=tuple(kind for kind, direction in services if direction == "me"),
        services_from_them=tuple(kind for kind, direction in services if direction == "them"),
        services_mutual=sum(direction == "both" for _, direction in services),
        services_unsided=sum(direction == "unknown" for _, direction in services),
        two_way_classes=frozenset(columns.look_up(tl.classes, exchanges)),
        initiations_me=opened.count("me"),
        initiations_them=opened.count("them"),
        outreach=len(outreach),
        outreach_answered=bisect_left(tl.answered_outreach, end),
        reply_base=unsettled + bisect_left(tl.answered_outreach, end) - bisect_left(tl.answered_outreach, settled),
        messages=bisect_left(tl.messages, end) + tl.composed[:first_dated].count(True),
        my_messages=len(mine) + [*compress(directions[:first_dated], tl.composed[:first_dated])].count("me"),
        my_recent_one_clicks=_recent_one_clicks(tl, end, as_of),
        connected=connection is not None,
        connected_day=days[connection] if connection is not None and connection >= first_dated else None,
        connection_network=_network(tl.records[connection].network) if connection is not None else None,
    )


def latest_exchange(timeline: Timeline) -> int | None:
    """Position of the latest dated two-way exchange, if any (``tally``'s ``last_two_way_index`` of them all)."""
    exchanges = timeline.exchanges
    return exchanges[-1] if exchanges and exchanges[-1] >= timeline.first_dated else None


def episode_ends(timeline: Timeline, last: int) -> tuple[float, ...]:
    """The last day of each dated episode up to the dated exchange at position ``last``, earliest first."""
    cut = timeline.days[last]
    # The episodes begun by then; one still going on then ends, for this prefix, at the last exchange counted.
    count = bisect_right(timeline.episodes, cut, key=_episode_start)
    return tuple(sorted([min(ep_last, cut) for _, ep_last in timeline.episodes[:count]]))


def _network(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _services(tl: Timeline, end: int) -> list[tuple[str, str]]:
    """(kind id, direction) of each favour among the first ``end`` events, oldest first."""
    if not tl.has_any(SERVICE_KINDS):
        return []
    return [(tl.kinds[i], tl.directions[i]) for i in columns.forward(tl.classes, "service", end)]


def _recent_one_clicks(tl: Timeline, end: int, as_of: float) -> int:
    start = bisect_left(tl.days, as_of - RECENT_ONE_CLICK_DAYS, tl.first_dated, end)
    return sum(
        cls == "one_click" and direction == "me"
        for cls, direction in zip(tl.classes[start:end], tl.directions[start:end], strict=True)
    )
