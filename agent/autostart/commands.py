"""Running the service manager's commands (systemctl, launchctl) behind an injectable runner.

Tests pass a fake runner that records what it is asked to run, so they never touch the real service manager.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# launchctl and systemctl answer in well under a second; a minute means something is stuck.
COMMAND_TIMEOUT_S = 60


@dataclass(frozen=True)
class CommandOutcome:
    returncode: int
    output: str = ""


Runner = Callable[[Sequence[str]], CommandOutcome]


def run_command(argv: Sequence[str]) -> CommandOutcome:
    """Run ``argv`` and capture its output; a missing program or a hang becomes a failed outcome."""
    try:
        done = subprocess.run(
            list(argv),
            capture_output=True,
            text=True,
            errors="replace",
            timeout=COMMAND_TIMEOUT_S,
            check=False,
        )
    except FileNotFoundError:
        return CommandOutcome(127, f"{argv[0]} was not found on PATH")
    except subprocess.TimeoutExpired:
        return CommandOutcome(124, f"{argv[0]} did not finish within {COMMAND_TIMEOUT_S} s")
    except OSError as exc:
        return CommandOutcome(126, f"could not run {argv[0]}: {exc}")
    return CommandOutcome(done.returncode, (done.stdout + done.stderr).strip())
