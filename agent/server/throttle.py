"""Failed handshakes, counted per source (the client id a socket claimed), so a failing client throttles
only itself. A silent or garbled socket is limited by its own connection (one frame, a deadline) and
counts toward nothing: no local program can lock the user's paired clients out."""

from __future__ import annotations

import time
from collections import deque

WINDOW_SECONDS = 60.0
UNKNOWN_SOURCE = "?unknown"  # every client id nobody paired shares one bucket, so random ids cannot grow memory


class HandshakeThrottle:
    def __init__(self, failures_per_minute: int) -> None:
        self._limit = failures_per_minute
        self._failures: dict[str, deque[float]] = {}
        self._throttled_until: dict[str, float] = {}

    def failed(self, source: str) -> bool:
        """Count one failure of ``source``; True when this one puts it over the limit (log it once)."""
        now = time.monotonic()
        self._forget_before(now)
        window = self._failures.setdefault(source, deque())
        window.append(now)
        if len(window) >= self._limit and source not in self._throttled_until:
            self._throttled_until[source] = now + WINDOW_SECONDS
            return True
        return False

    def throttled(self, source: str) -> bool:
        until = self._throttled_until.get(source)
        return until is not None and time.monotonic() < until

    def _forget_before(self, now: float) -> None:
        for source in list(self._failures):
            window = self._failures[source]
            while window and window[0] < now - WINDOW_SECONDS:
                window.popleft()
            if not window:
                del self._failures[source]
        for source in [s for s, until in self._throttled_until.items() if until <= now]:
            del self._throttled_until[source]
