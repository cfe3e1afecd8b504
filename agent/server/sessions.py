"""Session tokens, in memory only."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Session:
    client_id: str
    origin: str
    expires: float


class Sessions:
    def __init__(self, ttl: float) -> None:
        self._ttl = ttl
        self._by_token: dict[str, Session] = {}

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
