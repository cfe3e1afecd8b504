"""`web-ext lint` (Mozilla's add-on linter) must report no errors for extension/."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
WEB_EXT = REPO / "node_modules" / ".bin" / "web-ext"
# Warnings we accept, each for a reason that cannot be fixed in a manifest shared by both browsers.
ACCEPTED_WARNINGS = {
    # Chrome needs background.service_worker; Firefox reads background.scripts and ignores it.
    "BACKGROUND_SERVICE_WORKER_IGNORED",
}


@pytest.fixture(scope="module")
def report() -> dict:
    """One `web-ext lint --output json` run, shared by this module's tests."""
    if not WEB_EXT.exists() or shutil.which("node") is None:
        message = "web-ext is not installed: run `npm ci` at the repository root."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run(
        [str(WEB_EXT), "lint", "--source-dir", str(REPO / "extension"), "--output", "json", "--no-config-discovery"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"web-ext lint printed no JSON (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")


def test_web_ext_lint_reports_no_errors(report: dict) -> None:
    errors = [f"{e['code']}: {e['message']} ({e.get('file')})" for e in report["errors"]]
    assert errors == []


def test_web_ext_lint_warnings_are_only_the_accepted_ones(report: dict) -> None:
    unexpected = [f"{w['code']}: {w['message']}" for w in report["warnings"] if w["code"] not in ACCEPTED_WARNINGS]
    assert unexpected == []
