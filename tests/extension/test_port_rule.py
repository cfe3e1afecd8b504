"""One rule for the agent's port: the options page, the extension's settings and `fathom serve` accept the
same range."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from agent import MAX_PORT, MIN_PORT
from agent.cli.main import main

EXTENSION = Path(__file__).resolve().parents[2] / "extension"


def test_settings_js_and_the_agent_share_one_port_range() -> None:
    source = (EXTENSION / "common" / "settings.js").read_text(encoding="utf-8")
    low = re.search(r"const MIN_PORT = (\d+);", source)
    high = re.search(r"const MAX_PORT = (\d+);", source)
    assert low and high, "settings.js no longer names MIN_PORT / MAX_PORT"
    assert (int(low.group(1)), int(high.group(1))) == (MIN_PORT, MAX_PORT)


def test_the_options_port_field_has_the_same_bounds() -> None:
    html = (EXTENSION / "options" / "options.html").read_text(encoding="utf-8")
    field = re.search(r'<input id="agent-port"[^>]*>', html)
    assert field
    assert f'min="{MIN_PORT}"' in field.group(0) and f'max="{MAX_PORT}"' in field.group(0)


@pytest.mark.parametrize("port", [MIN_PORT - 1, 80, MAX_PORT + 1])
def test_fathom_serve_refuses_a_port_the_extension_refuses(
    port: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--port", str(port), "--data-dir", str(tmp_path)]) == 2
    assert f"use {MIN_PORT}-{MAX_PORT}" in capsys.readouterr().err
