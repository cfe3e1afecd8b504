"""The package's metadata: an SPDX licence with its file, and the type checking scripts/test runs."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_licence_is_an_spdx_expression_with_its_file_shipped() -> None:
    project = PYPROJECT["project"]
    assert project["license"] == "MIT"  # a string: the {text = ...} table is deprecated by setuptools
    assert project["license-files"] == ["LICENSE"]
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License") and "Fathom contributors" in licence
    # PEP 639: a licence classifier beside an SPDX expression is an error for setuptools.
    assert not [c for c in project["classifiers"] if c.startswith("License ::")]


def test_mypy_checks_agent_with_the_agreed_strictness() -> None:
    mypy = PYPROJECT["tool"]["mypy"]
    assert mypy["files"] == ["agent"]
    assert mypy["check_untyped_defs"] and mypy["warn_unused_ignores"] and mypy["no_implicit_optional"]
    assert "ignore_missing_imports" not in mypy  # every dependency ships its types
