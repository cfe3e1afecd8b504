"""Reading a request: the session it carries and its JSON body, strictly."""

from __future__ import annotations

import json
from collections.abc import Set
from typing import Any

from aiohttp import web

from agent.handshake import ADMIN_CLIENT
from agent.operations.body import checked
from agent.server.errors import ApiError
from agent.server.keys import SESSIONS, SETTINGS
from agent.server.sessions import Session

MAX_DEPTH = 20


def require_session(request: web.Request, *, admin: bool = False) -> Session:
    """A valid bearer token whose Origin matches the one it was issued to (none for the CLI)."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise ApiError(401, "unauthenticated", "Authenticate first (docs/protocol.md): no session token was sent.")
    session = request.app[SESSIONS].get(token.strip())
    if session is None:
        raise ApiError(401, "unauthenticated", "The session has expired or was revoked; authenticate again.")
    if request.headers.get("Origin", "") != session.origin:
        raise ApiError(403, "forbidden_origin", "This session belongs to another client.")
    if admin and session.client_id != ADMIN_CLIENT:
        raise ApiError(403, "admin_only", "Only the local `fathom` command may do this.")
    return session


async def read_json(request: web.Request, *, allowed: set[str], required: Set[str] = frozenset()) -> dict[str, Any]:
    return checked(await read_object(request), allowed=allowed, required=required)


async def read_object(request: web.Request) -> dict[str, Any]:
    """The body as a JSON object of bounded size and depth; which fields it may have is the operation's rule."""
    ctype = request.content_type
    if ctype != "application/json":
        raise ApiError(415, "unsupported_media_type", "Send the body as Content-Type: application/json.")
    limit = request.app[SETTINGS].max_body_bytes
    if request.content_length is not None and request.content_length > limit:
        raise ApiError(413, "too_large", f"The body is larger than {limit} bytes.")
    raw = await read_body(request, limit)
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ApiError(400, "bad_json", "The body is not valid UTF-8 JSON.") from None
    if not isinstance(body, dict):
        raise ApiError(400, "bad_json", "The body must be a JSON object.")
    if _depth(body) > MAX_DEPTH:
        raise ApiError(400, "bad_json", "The body is nested too deeply.")
    return body


async def read_body(request: web.Request, limit: int) -> bytes:
    """The whole body, or 413 as soon as it passes ``limit``. (StreamReader.read(n) returns what has arrived
    so far, which for a large body is only its first chunk.)"""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.content.iter_chunked(64 * 1024):
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "too_large", f"The body is larger than {limit} bytes.")
        chunks.append(chunk)
    return b"".join(chunks)


def _depth(value: Any, level: int = 0) -> int:
    if level > MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level
