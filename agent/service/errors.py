"""Domain errors the API maps to a status and the CLI to a message."""

from __future__ import annotations


class ServiceError(Exception):
    status = 400

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code

    default_code = "bad_request"


class Invalid(ServiceError):
    status = 400
    default_code = "invalid"


class Unprocessable(ServiceError):
    status = 422
    default_code = "unprocessable"


class Missing(ServiceError):
    status = 404
    default_code = "not_found"


class Clash(ServiceError):
    status = 409
    default_code = "conflict"
