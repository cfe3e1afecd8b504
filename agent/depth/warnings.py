"""Shallow-outreach warnings W1–W7 (depth-model.md §7), for the action the user is about to take.

They never block and never judge the person: each states the facts and a better next step. Which warnings
are checked depends on the intent (docs/depth.md has the same table):

==================  ====  =======  =======  ======  ===
warning             None  connect  message  follow  ask
==================  ====  =======  =======  ======  ===
cold_pitch          ✓*                              ✓
bare_request              ✓
ask_exceeds_depth                                   ✓
pile_on             ✓              ✓                ✓
lopsided            ✓              ✓                ✓
dormant_ask                                         ✓
like_bombing        ✓                       ✓
==================  ====  =======  =======  ======  ===

``None`` is the state as it is (shown without an action in hand); ✓* is the logged form of W1: the first
message I ever sent was an ask and no conversation has followed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import compress
from types import MappingProxyType

from agent.depth.conversations import trailing_messages
from agent.depth.phrasing import ago, plural, span, times
from agent.depth.results import Warning
from agent.depth.score import Standing, lopsided_writing
from agent.depth.timeline import Timeline
from agent.kinds import INTENTS

PILE_ON_MESSAGES = 2  # ≥2 consecutive unanswered messages from me
LOPSIDED_INITIATIONS, LOPSIDED_BALANCE = 4, 0.25  # ≥4 started by me and min/max balance < 0.25
LIKE_BOMBING_ACTIONS = 10  # ≥10 one-click actions in 30 days without a conversation
SHALLOW_STAGES = ("stranger", "aware")  # any ask is big here
BIG_ASK_STAGES = ("acquainted",)  # an intro, referral or job ask is big here

Check = Callable[[Timeline, Standing, str | None], Warning | None]


def warnings_for(timeline: Timeline, standing: Standing, intent: str | None) -> tuple[Warning, ...]:
    """The warnings that apply to ``intent`` (connect | message | follow | ask, or None for the state)."""
    if intent is not None and intent not in INTENTS:
        raise ValueError(f"unknown intent {intent!r}: use one of {', '.join(INTENTS)}, or None")
    found = (check(timeline, standing, intent) for check in CHECKS_BY_INTENT[intent])
    return tuple(warning for warning in found if warning is not None)


def cold_pitch(timeline: Timeline, standing: Standing, intent: str | None) -> Warning | None:
    """W1: the first-ever message is an ask, with no two-way exchange before it."""
    tl = timeline
    if standing.card.tally.two_way_any or standing.marked:
        return None  # a tie the user marked has history Fathom never saw: not a first contact
    if intent == "ask":
        if standing.card.tally.my_messages:
            return None  # not the first contact: W3/W4 speak to this case
        return Warning(
            "cold_pitch", "This would be your first real contact, and it's an ask. Lead with something useful to them."
        )
    first = _first_private_message_from_me(tl)
    if first is None or tl.records[first].ask is not True:
        return None
    channel = "your connection note" if tl.kinds[first] == "connection_request" else "your first message"
    return Warning(
        "cold_pitch",
        f"Your first contact was an ask ({channel}), with no conversation before it. "
        "Lead with something useful to them.",
    )


def _first_private_message_from_me(tl: Timeline) -> int | None:
    """Undated messages count as the oldest, as they sort first; then my dated messages, oldest first."""
    undated = compress(range(tl.first_dated), tl.composed)
    first = next((i for i in undated if tl.classes[i] == "private" and tl.directions[i] == "me"), None)
    if first is None:
        first = next((i for i in tl.mine if tl.classes[i] == "private"), None)
    return first


def bare_request(timeline: Timeline, standing: Standing, intent: str | None) -> Warning | None:
    """W2: a connection request to someone I have only one-click history with (or none)."""
    counts = standing.card.tally
    if counts.connected or standing.marked or timeline.classes.count("one_click") < len(timeline):
        return None
    clicks = timeline.directions.count("me")  # every event is a one-click action here
    history = f" beyond {plural(clicks, 'one-click action')}" if clicks else ""
    return Warning(
        "bare_request",
        f"You've never interacted{history}. Add a note on how you know each other, or engage first.",
    )


def ask_exceeds_depth(timeline: Timeline, standing: Standing, intent: str | None) -> Warning | None:
    """W3: any ask at Aware or below; an intro, referral or job ask below Engaged."""
    stage = standing.card.stage
    facts = _conversation_facts(standing)
    if stage in SHALLOW_STAGES:
        return Warning("ask_exceeds_depth", f"That's a big ask for {_a(stage)} {stage.capitalize()} tie: {facts}.")
    if stage in BIG_ASK_STAGES:
        return Warning(
            "ask_exceeds_depth",
            f"An intro, referral or job ask is big for {_a(stage)} {stage.capitalize()} tie ({facts}). "
            "Smaller asks are fine.",
        )
    return None


def pile_on(timeline: Timeline, standing: Standing, intent: str | None) -> Warning | None:
    """W4: ≥2 consecutive unanswered messages from me."""
    unanswered = len(trailing_messages(timeline, "me"))
    if unanswered < PILE_ON_MESSAGES:
        return None
    return Warning(
        "pile_on",
        f"{unanswered} messages without a reply. Wait, or add value rather than {_a_nth(unanswered + 1)} nudge.",
    )


def lopsided(timeline: Timeline, standing: Standing, intent: str | None) -> Warning | None:
    """W5: ≥4 initiations by me and a min/max initiation balance under 0.25."""
    counts = standing.card.tally
    written, answers = counts.my_messages, counts.messages - counts.my_messages
    if lopsided_writing(written, answers):
        return Warning("lopsided", f"You've written {times(written)}; they've written {times(answers)}.")
    mine, theirs = counts.initiations_me, counts.initiations_them
    if mine < LOPSIDED_INITIATIONS or theirs / mine >= LOPSIDED_BALANCE:
        return None
    share = f"all {mine}" if not theirs else f"{mine} of {mine + theirs}"
    return Warning("lopsided", f"You've started {share} conversations.")


def dormant_ask(timeline: Timeline, standing: Standing, intent: str | None) -> Warning | None:
    """W6: dormant and about to ask."""
    last = standing.card.tally.last_two_way
    if "dormant" not in standing.flags or last is None:
        return None
    return Warning(
        "dormant_ask",
        f"Last real conversation was {span(timeline.now - last)} ago. "
        "Old ties are worth reviving, but reconnect first.",
    )


def like_bombing(timeline: Timeline, standing: Standing, intent: str | None) -> Warning | None:
    """W7: ≥10 one-click actions from me in 30 days and no two-way exchange ever."""
    counts = standing.card.tally
    if counts.two_way_any or standing.marked or counts.my_recent_one_clicks < LIKE_BOMBING_ACTIONS:
        return None
    return Warning(
        "like_bombing",
        f"{counts.my_recent_one_clicks} one-click actions in the last 30 days and no conversation. "
        "Likes rarely build relationships; a thoughtful reply or message does.",
    )


CHECKS_BY_INTENT: Mapping[str | None, tuple[Check, ...]] = MappingProxyType(
    {
        None: (cold_pitch, pile_on, lopsided, like_bombing),
        "connect": (bare_request,),
        "message": (pile_on, lopsided),
        "follow": (like_bombing,),
        "ask": (cold_pitch, ask_exceeds_depth, dormant_ask, pile_on, lopsided),
    }
)


def _conversation_facts(standing: Standing) -> str:
    counts = standing.card.tally
    if not counts.two_way_any:
        return "you've never had a two-way conversation"
    conversations = plural(counts.episodes, "real conversation")
    if counts.last_two_way is None:
        return conversations
    when = ago(counts.as_of - counts.last_two_way)
    return f"{conversations}, {when}" if counts.episodes == 1 else f"{conversations}, the last {when}"


def _a(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def _a_nth(n: int) -> str:
    """``a 3rd``, ``an 8th``, ``an 11th``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    article = "an" if str(n).startswith("8") or n in (11, 18) else "a"
    return f"{article} {n}{suffix}"
