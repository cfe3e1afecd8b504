"""Fixtures for autostart tests: contexts aimed at a temporary HOME and a runner that only records."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from agent.autostart.commands import CommandOutcome
from agent.autostart.plan import AutostartContext

LINUX_PYTHON = "/opt/fathom venv/bin/python3"
MAC_PYTHON = "/Users/ada/Library/Fathom & Co/venv/bin/python3"
WINDOWS_PYTHON = "C:\\Program Files\\Python311\\python.exe"


class RecordingRunner:
    """Stands in for systemctl/launchctl: records each command; ``fail`` maps a command to its failure."""

    def __init__(self, fail: dict[tuple[str, ...], CommandOutcome] | None = None) -> None:
        self.calls: list[list[str]] = []
        self.fail = fail or {}

    def __call__(self, argv: Sequence[str]) -> CommandOutcome:
        self.calls.append(list(argv))
        return self.fail.get(tuple(argv), CommandOutcome(0))


@pytest.fixture
def runner() -> RecordingRunner:
    """A fresh recording runner that reports success for every command."""
    return RecordingRunner()


@pytest.fixture
def make_runner() -> Callable[..., RecordingRunner]:
    """Build a recording runner whose ``fail`` commands return the given outcomes."""
    return RecordingRunner


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """An empty home directory of this test's own."""
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def make_context(home: Path) -> Callable[..., AutostartContext]:
    """Build a context for a platform, defaulting to that platform's usual Python and this test's HOME."""
    pythons = {"linux": LINUX_PYTHON, "darwin": MAC_PYTHON, "win32": WINDOWS_PYTHON}

    def build(platform: str = "linux", **overrides: Any) -> AutostartContext:
        fields: dict[str, Any] = {
            "platform": platform,
            "home": home,
            "env": {},
            "argv": (pythons.get(platform, LINUX_PYTHON), "-m", "agent", "serve"),
            "uid": 501,
            "has_systemd_user_session": True,
        }
        fields.update(overrides)
        return AutostartContext(**fields)

    return build
