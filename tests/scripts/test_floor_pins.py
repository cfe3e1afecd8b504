"""scripts/floor_pins.py: the declared floors, read from pyproject, become the pins CI installs."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from scripts.floor_pins import NoFloor, floor_pins

ROOT = Path(__file__).resolve().parents[2]


def _pyproject(*deps: str) -> str:
    listed = ", ".join(f'"{d}"' for d in deps)
    return f'[project]\nname = "x"\ndependencies = [{listed}]\n'


def test_each_floor_becomes_an_exact_pin() -> None:
    assert floor_pins(_pyproject("aiohttp>=3.9", "beautifulsoup4 >= 4.13.0")) == [
        "aiohttp==3.9",
        "beautifulsoup4==4.13.0",
    ]


@pytest.mark.parametrize("dep", ["aiohttp", "aiohttp>=3.9,<4", "aiohttp==3.9", "aiohttp>=3.9; python_version<'3.12'"])
def test_a_dependency_without_a_plain_floor_is_refused_by_name(dep: str) -> None:
    with pytest.raises(NoFloor, match="aiohttp"):
        floor_pins(_pyproject(dep))


def test_the_repo_pins_every_runtime_dependency_and_bs4_at_4_13() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "floor_pins.py")], capture_output=True, text=True, check=True
    ).stdout.split()
    assert "beautifulsoup4==4.13" in out
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert len(out) == len(declared)
