"""The agent's rotating log file in the data dir, with secrets scrubbed before anything is written."""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from agent.store.files import PRIVATE_FILE, ensure_private_dir

# Anything that looks like a bearer token, a secret, a MAC or a pairing code is masked, whatever logged it.
_SECRET_PATTERNS = (
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9_\-\.=]+"),
    re.compile(r'(?i)("?(?:secret|session_token|token|mac|code|authorization)"?\s*[:=]\s*"?)[^"\s,}]+'),
)


class ScrubSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        for pattern in _SECRET_PATTERNS:
            message = pattern.sub(r"\1[redacted]", message)
        record.msg, record.args = message, None
        return True


def setup_logging(log_file: Path, *, verbose: bool = False) -> None:
    ensure_private_dir(log_file.parent)
    handler = logging.handlers.RotatingFileHandler(log_file, maxBytes=2 * 1024 * 1024, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(ScrubSecrets())
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if not isinstance(h, logging.handlers.RotatingFileHandler)]
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # aiohttp's access log would record URLs and headers we never want on disk; our handlers log what matters.
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    if log_file.exists():
        log_file.chmod(PRIVATE_FILE)
