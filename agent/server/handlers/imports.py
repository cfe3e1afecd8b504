"""The extension's import: it uploads the ZIP (POST /v1/import). The CLI's, by path, is in agent/operations."""

from __future__ import annotations

import os
import secrets
import unicodedata

from aiohttp import web

from agent.server.errors import ApiError, ok
from agent.server.keys import IMPORTS, SETTINGS
from agent.server.requests import require_session
from agent.store.files import PRIVATE_FILE, ensure_private_dir

ZIP_TYPES = ("application/zip", "application/x-zip-compressed", "application/octet-stream")


async def upload(request: web.Request) -> web.Response:
    """The ZIP arrives as the raw body; it is written to a private temp file in the data dir, then read."""
    require_session(request)
    if request.content_type not in ZIP_TYPES:
        raise ApiError(415, "unsupported_media_type", "Send the export as Content-Type: application/zip.")
    network = request.query.get("network")
    if network not in (None, "linkedin", "x"):
        raise ApiError(400, "bad_network", "network must be linkedin or x.")
    settings = request.app[SETTINGS]
    limit = settings.max_import_bytes
    if request.content_length is not None and request.content_length > limit:
        raise ApiError(413, "too_large", "That file is larger than any LinkedIn or X export Fathom accepts.")
    incoming = settings.layout.root / "incoming"
    ensure_private_dir(incoming)
    target = incoming / f"upload-{secrets.token_hex(6)}.zip"
    size = 0
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    try:
        with os.fdopen(fd, "wb") as out:
            async for chunk in request.content.iter_chunked(1 << 20):
                size += len(chunk)
                if size > limit:
                    raise ApiError(413, "too_large", "That file is larger than any export Fathom accepts.")
                out.write(chunk)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    if size == 0:
        target.unlink(missing_ok=True)
        raise ApiError(400, "empty", "The upload was empty; choose the export ZIP again.")
    label = display_name(request.query.get("name"))
    import_id = request.app[IMPORTS].start(target, network, None, cleanup=True, label=label)
    return ok(202, import_id=import_id)


MAX_LABEL = 120


def display_name(value: str | None) -> str:
    """The uploaded file's own name, as the extension sends it: untrusted text, kept only for display (the
    base name, without control or format characters, shortened); the file on disk keeps its random name."""
    name = (value or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if len(name) > MAX_LABEL:
        name = name[: MAX_LABEL - 1] + "…"
    return name or "uploaded file"
