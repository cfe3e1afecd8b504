"""Parsing one X archive data file: ``window.YTD.<name>.partN = [...]`` or ``window.__THAR_CONFIG = {...}``.

The JSON after the first ``=`` is parsed as is; a trailing ``;`` and a missing final newline are fine.
"""

from __future__ import annotations

import json
from typing import Any

from agent.importers.base import ImportFormatError


def parse_archive_js(data: bytes, file: str) -> Any:
    """The JSON value assigned in ``file``; anything unreadable is fatal and names the line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(
            "this file is not UTF-8 text. Use the file exactly as it came in the downloaded archive.",
            file,
            data.count(b"\n", 0, exc.start) + 1,
        ) from exc
    equals = text.find("=")
    stripped = text.lstrip()
    if equals < 0 or not stripped.startswith("window."):
        if stripped[:1] in ("[", "{"):
            equals = -1  # bare JSON: some tools re-save archive files without the assignment
        else:
            raise ImportFormatError(
                "this is not an X archive data file (it should start with window.YTD...). "
                "Use the file exactly as it came in the downloaded archive.",
                file,
                1,
            )
    body = text[equals + 1 :].rstrip().removesuffix(";")
    try:
        return json.loads(body)
    except json.JSONDecodeError as exc:
        line = text.count("\n", 0, equals + 1) + exc.lineno
        raise ImportFormatError(
            f"this file is cut off or damaged ({exc.msg}). Download the archive again and import the new file.",
            file,
            line,
        ) from exc
    except RecursionError as exc:
        raise ImportFormatError("this file is nested too deeply to be an X archive file.", file) from exc
