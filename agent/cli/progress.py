"""A terminal progress bar (done/total, rate, ETA) for long imports; silent when stderr is not a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    def __init__(self, label: str, stream: TextIO | None = None, width: int = 30) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.start = time.monotonic()
        self._last_draw = 0.0
        self.enabled = self.stream.isatty()

    def update(self, done: int, total: int) -> None:
        now = time.monotonic()
        if not self.enabled or (now - self._last_draw < 0.1 and done < total):
            return
        self._last_draw = now
        self.stream.write("\r" + render(self.label, done, total, now - self.start, self.width))
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def render(label: str, done: int, total: int, elapsed: float, width: int = 30) -> str:
    """One line: label, bar, done/total, rows per second and time left."""
    total = max(total, done, 1)
    filled = int(width * done / total)
    rate = done / elapsed if elapsed > 0 else 0.0
    eta = (total - done) / rate if rate > 0 else 0.0
    return f"{label} [{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} {rate:,.0f} rows/s, {eta:,.0f} s left "
