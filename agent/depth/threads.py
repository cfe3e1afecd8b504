"""Which conversation a message belongs to: the one rule the timeline, the loops and the review's horizon read.

A conversation is a thread; messages without one (manual logs) form one conversation per channel group,
private or public.
"""

from __future__ import annotations

from agent.kinds import KIND_BY_ID

PUBLIC_KINDS = frozenset(k.id for k in KIND_BY_ID.values() if k.klass == "public")


def conversation_key(thread: object, kind: object) -> object:
    """A message's conversation: its thread if it has one, else ``True`` (unthreaded public) or ``False``
    (unthreaded private)."""
    if type(thread) is str and thread:
        return thread
    return kind in PUBLIC_KINDS
