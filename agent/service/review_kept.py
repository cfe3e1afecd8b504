"""The review's cache kept on disk between runs, so a restart does not score thirty thousand people again.

Read back at the first review, written at close once the store has compacted. Each person's entry carries the
fingerprint of the files their record and history came from (``Store.person_fingerprint``): an entry whose
person changed since (a crash's journal, a command run while the agent was off, a restored backup) is dropped,
and that person is scored again. The file also names the code that computed it (a digest of the scoring
modules), so an upgrade that changes them starts afresh. It holds review items, names and reasons: private
like the store, and written the same way. A damaged file is never an error: the review just scores everyone.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from datetime import date, datetime
from pathlib import Path
from typing import Any

import agent
from agent.depth.urgency import ITEM_TYPES
from agent.service.review import ReviewCache, review
from agent.store import codec
from agent.store.files import atomic_write
from agent.store.store import Store

log = logging.getLogger("fathom.review")

FORMAT = 1
# About 100 bytes a person: 3.5 MB for a heavy user's 37,000. A file far larger was not written by us, and is
# not read into memory.
MAX_BYTES = 64 * 1024 * 1024
# Whatever can change an item: the model, the kinds and records it reads, and the review's own wording.
_MODEL_DIRS = ("depth",)
_MODEL_FILES = ("kinds.py", "records.py", "days.py", "identity.py", "service/review.py", "service/views.py")


class KeptReview:
    """One ReviewCache over one store for a process's life: taken back from ``path`` at the first review,
    written back by :meth:`close`. One review or close at a time: a review still running in a worker thread
    when the agent stops is waited for, not written half-done."""

    def __init__(self, store: Store, path: Path) -> None:
        self.store = store
        self.path = path
        self.cache = ReviewCache()
        self._read = False
        self._lock = threading.Lock()

    def review(self, now: datetime, *, as_of: bool = False) -> list[dict[str, Any]]:
        with self._lock:
            self._take_back()
            return review(self.store, self.cache, now, as_of=as_of)

    def close(self) -> None:
        """After the store is closed (and compacted): keep what is current for the next run."""
        with self._lock:
            self._keep()

    def _keep(self) -> None:
        if not self.store.loaded:
            return  # closed while still reading: what the file holds is checked entry by entry when read
        if not self._read and self.store.changes == 0:
            return  # neither reviewed nor changed since the file was written: it still holds
        self._take_back()
        saved = self.cache.saved(self.store)
        if saved is None:
            return  # an as-of review's entries are never kept; the file's own are checked when read
        try:
            if not saved["people"]:
                self.path.unlink(missing_ok=True)
                return
            atomic_write(self.path, codec.dumps({"format": FORMAT, "model": model_digest(), **saved}))
        except OSError as exc:  # only a cache: the next review scores everyone
            log.warning("could not keep the review for the next run (%s)", exc)

    def _take_back(self) -> None:
        if self._read:
            return
        self._read = True
        try:
            if self.path.stat().st_size > MAX_BYTES:
                log.warning("the kept review %s is too large to be ours; scoring everyone", self.path)
                return
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            log.warning("could not read the kept review %s (%s); scoring everyone", self.path, exc)
            return
        self.store.wait_loaded()  # every fingerprint needs its shard read
        try:
            saved = codec.loads(raw)
        except ValueError:
            saved = None
        if not well_formed(saved):
            log.warning("the kept review %s is damaged; scoring everyone (it is rewritten at close)", self.path)
            return
        if saved["format"] != FORMAT or saved["model"] != model_digest():
            log.info("the kept review was made by another version of Fathom; scoring everyone")
            return
        taken = self.cache.restore(saved, self.store)
        log.info("review: %d of %d people taken back from the last run", taken, len(saved["people"]))


def model_digest() -> str:
    """A digest of the code that decides the review's items: an upgrade that changes it scores afresh, one that
    does not (most releases) keeps what the last run computed."""
    root = Path(agent.__file__).parent
    paths = sorted(p for d in _MODEL_DIRS for p in (root / d).glob("*.py")) + [root / f for f in _MODEL_FILES]
    digest = hashlib.blake2b(digest_size=16)
    for path in paths:
        try:
            digest.update(path.read_bytes())
        except OSError:  # no sources beside the code (a frozen build): its version alone decides
            return agent.__version__
    return digest.hexdigest()


def well_formed(saved: Any) -> bool:
    """The shape :meth:`KeptReview.close` writes, checked all the way down: the file is outside our control."""
    if not isinstance(saved, dict) or not isinstance(saved.get("people"), dict):
        return False
    if not isinstance(saved.get("format"), int) or not isinstance(saved.get("model"), str):
        return False
    if not isinstance(saved.get("day"), str) or not isinstance(saved.get("had_items"), list):
        return False
    try:
        date.fromisoformat(saved["day"])
    except ValueError:
        return False
    if not all(type(pid) is str for pid in saved["had_items"]):
        return False
    for pid, entry in saved["people"].items():
        if type(entry) is not list or len(entry) != 2 or type(entry[0]) is not int:
            return False
        held = entry[1]
        if held is None or held is False or type(held) in (int, float):
            continue
        if type(held) is not list or not held or not all(_item_well_formed(item, pid) for item in held):
            return False
    return True


def _item_well_formed(item: Any, pid: str) -> bool:
    return (
        type(item) is dict
        and item.get("type") in ITEM_TYPES
        and type(item.get("key")) is str
        and type(item.get("text")) is str
        and type(item.get("_rank")) is int
        and type(item.get("overdue")) is bool
        and all(item.get(k) is None or type(item.get(k)) is str for k in ("since", "due"))
        and type(item.get("person")) is dict
        and item["person"].get("id") == pid
    )
