#!/usr/bin/env python3
"""Print pyproject's runtime dependencies pinned to their declared floors (``name>=X`` -> ``name==X``).

scripts/test installs these as pip constraints into a second venv under CI, so a floor that no longer works
fails CI instead of a user's install. The floors are read from pyproject.toml, never restated.

Usage: scripts/floor_pins.py [PYPROJECT]   (default: the repo's pyproject.toml)
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

_FLOOR = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*>=\s*([0-9][A-Za-z0-9.]*)\s*$")


class NoFloor(ValueError):
    """A runtime dependency without a single ``>=`` floor: its minimum cannot be tested."""


def floor_pins(pyproject: str) -> list[str]:
    """``name==floor`` for each of ``[project] dependencies``; every one must be ``name>=version``."""
    pins = []
    for requirement in tomllib.loads(pyproject)["project"]["dependencies"]:
        match = _FLOOR.match(requirement)
        if match is None:
            raise NoFloor(
                f"dependency {requirement!r} has no plain floor: write it as name>=version so CI can test that version"
            )
        pins.append(f"{match[1]}=={match[2]}")
    return pins


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:
        print("\n".join(floor_pins(path.read_text(encoding="utf-8"))))
    except NoFloor as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
