"""The real runner: every way a command can go wrong comes back as a failed outcome, never an exception."""

from __future__ import annotations

import sys

from agent.autostart.commands import run_command


def test_exit_status_and_output_are_captured():
    outcome = run_command([sys.executable, "-c", "import sys; print('out'); sys.exit(3)"])

    assert outcome.returncode == 3
    assert outcome.output == "out"


def test_missing_program_is_a_failed_outcome_that_names_it(tmp_path):
    outcome = run_command([str(tmp_path / "no-such-systemctl"), "--user", "daemon-reload"])

    assert outcome.returncode == 127
    assert "no-such-systemctl was not found" in outcome.output
