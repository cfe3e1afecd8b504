"""Durable local storage: an fsync'd journal in front of sharded TinyDB snapshots, served from memory."""

from agent.store.errors import DataDirLocked, StoreCorrupt, StoreError, StoreWriteFailed
from agent.store.store import Store

__all__ = ["DataDirLocked", "Store", "StoreCorrupt", "StoreError", "StoreWriteFailed"]
