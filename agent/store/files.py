"""Crash-safe file writes: private modes, write to a temp file, fsync, rename, fsync the dir."""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def ensure_private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    os.chmod(path, PRIVATE_DIR)


def fsync_dir(path: Path) -> None:
    if os.name == "nt":  # pragma: no cover - directories cannot be fsync'd on Windows
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsynced_temp(path: Path, data: bytes) -> Path:
    """``data`` written in full and fsync'd to a private temp file beside ``path``; removed again on failure."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    return tmp


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves either the old or the new file, never half."""
    os.replace(_fsynced_temp(path, data), path)
    fsync_dir(path.parent)


def write_new(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``, which must not exist yet (FileExistsError if it does): written to a temp file,
    fsynced, then hard-linked in, so an existing file is never overwritten and a crash never leaves half."""
    tmp = _fsynced_temp(path, data)
    try:
        os.link(tmp, path)  # fails with EEXIST instead of replacing, unlike rename
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(path.parent)
