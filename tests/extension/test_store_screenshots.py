"""The store screenshots: the size both stores take, and the README shows exactly the ones scripts/screenshots
writes."""

from __future__ import annotations

import re
import struct
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "docs" / "screenshots"


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and header[12:16] == b"IHDR", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_every_screenshot_is_1280_by_800() -> None:
    shots = sorted(SHOTS.glob("*.png"))
    assert shots
    assert {p.name: png_size(p) for p in shots} == {p.name: (1280, 800) for p in shots}


def test_the_readme_shows_the_screenshots_the_script_writes() -> None:
    script = (REPO / "scripts" / "screenshots").read_text(encoding="utf-8")
    written = set(re.findall(r'out / "([\w-]+\.png)"', script))
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"\(docs/screenshots/([\w-]+\.png)\)", readme))
    assert written and shown == written == {p.name for p in SHOTS.glob("*.png")}
