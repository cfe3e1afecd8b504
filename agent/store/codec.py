"""JSON for the store's files: orjson (the cold start reads ~100 MB of it), and one rule for text that is
not valid Unicode: lone surrogates (which a JSON body or an archive can smuggle in as "\\ud800") become U+FFFD
before anything is written, so what is on disk always reads back."""

from __future__ import annotations

import re
from typing import Any

import orjson

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(value: Any) -> bytes:
    return orjson.dumps(value)


def loads(raw: bytes | str) -> Any:
    return orjson.loads(raw)


EncodeError = orjson.JSONEncodeError


def scrub(value: Any) -> Any:
    """A copy of ``value`` with every lone surrogate in every string replaced by U+FFFD."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {scrub(k): scrub(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrub(v) for v in value]
    return value
