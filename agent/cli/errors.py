"""The one error type CLI commands raise; main() turns it into a message and an exit status."""

from __future__ import annotations


class CliError(Exception):
    """A user-facing failure: ``message`` says what was wrong and what to do."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
