"""Pairing mode: a short window with a one-time code the user types into the extension."""

from __future__ import annotations

import hmac
import secrets
import time
from dataclasses import dataclass

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: typed by a person
CODE_LENGTH = 8


@dataclass
class PairingWindow:
    code: str | None = None
    expires: float = 0.0
    tries_left: int = 0

    def open(self, seconds: float, tries: int) -> str:
        self.code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        self.expires = time.monotonic() + seconds
        self.tries_left = tries
        return self.code

    def is_open(self) -> bool:
        if self.code is not None and time.monotonic() >= self.expires:
            self.close()
        return self.code is not None

    def close(self) -> None:
        self.code = None
        self.tries_left = 0

    def check(self, offered: str) -> bool:
        """Constant-time compare; a right code closes the window (single use), wrong ones use up tries."""
        if not self.is_open() or self.code is None:
            return False
        normalised = offered.strip().upper().replace("-", "").replace(" ", "")
        if hmac.compare_digest(normalised.encode(), self.code.encode()):
            self.close()
            return True
        self.tries_left -= 1
        if self.tries_left <= 0:
            self.close()
        return False
