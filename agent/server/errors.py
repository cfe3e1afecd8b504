"""One error envelope for every failure: {"ok": false, "error": {"code", "message"}} with a fitting status."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from agent.operations.failures import failure_of

log = logging.getLogger("fathom.api")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "unprocessable",
    429: "too_many_requests",
}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra


def error_response(status: int, code: str, message: str, **extra: Any) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error": {"code": code, "message": message, **extra}}
    return web.json_response(body, status=status)


def ok(status: int = 200, **fields: Any) -> web.Response:
    return web.json_response({"ok": True, **fields}, status=status)


@web.middleware
async def error_envelope(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except ApiError as exc:
        return error_response(exc.status, exc.code, exc.message, **exc.extra)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        message = {
            404: "No such route. See docs/protocol.md for the API.",
            405: "That method is not allowed here; data routes are POST.",
            413: "The request body is too large.",
        }.get(exc.status, exc.reason)
        return error_response(exc.status, _HTTP_CODES.get(exc.status, "http_error"), message)
    except Exception as exc:
        failure = failure_of(exc)
        if failure is not None:
            return error_response(failure.status, failure.code, failure.message, **failure.extra)
        log.exception("unexpected error on %s %s", request.method, request.path)
        return error_response(500, "internal", "Fathom hit an unexpected error; it is in `fathom logs`.")
