"""Session tokens (memory only) and the handshake failure rate limit."""

from __future__ import annotations

import secrets
import time
from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True)
class Session:
    client_id: str
    origin: str
    expires: float


class Sessions:
    def __init__(self, ttl: float, failures_per_minute: int) -> None:
        self._ttl = ttl
        self._by_token: dict[str, Session] = {}
        self._failures: deque[float] = deque()
        self._limit = failures_per_minute
        self._blocked_until = 0.0

    def issue(self, client_id: str, origin: str) -> str:
        self._expire()
        token = secrets.token_urlsafe(32)
        self._by_token[token] = Session(client_id, origin, time.monotonic() + self._ttl)
        return token

    def get(self, token: str) -> Session | None:
        session = self._by_token.get(token)
        if session is None:
            return None
        if session.expires <= time.monotonic():
            del self._by_token[token]
            return None
        return session

    def revoke_client(self, client_id: str) -> None:
        for token in [t for t, s in self._by_token.items() if s.client_id == client_id]:
            del self._by_token[token]

    def _expire(self) -> None:
        now = time.monotonic()
        for token in [t for t, s in self._by_token.items() if s.expires <= now]:
            del self._by_token[token]

    # -- rate limit -----------------------------------------------------------------------------------
    def record_failure(self) -> None:
        now = time.monotonic()
        self._failures.append(now)
        while self._failures and self._failures[0] < now - 60:
            self._failures.popleft()
        if len(self._failures) >= self._limit:
            self._blocked_until = now + 60

    def blocked(self) -> bool:
        return time.monotonic() < self._blocked_until
