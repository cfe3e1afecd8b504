"""The command a user types to reach this ``fathom``, from where they are: hints must work when pasted."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path


def fathom_command(
    subcommand: str,
    *,
    argv0: str | None = None,
    cwd: str | None = None,
    path: str | None = None,
    python: str | None = None,
) -> str:
    """``fathom SUBCOMMAND`` when that ``fathom`` is on the PATH, else the path that works from ``cwd``.

    A checkout's ``scripts/run`` installs into ``.venv`` without touching the PATH, so a bare ``fathom``
    fails there; ``python -m agent`` runs leave no script at all. The defaults are this process's.
    """
    script = Path(argv0 if argv0 is not None else sys.argv[0])
    if script.stem != "fathom":  # python -m agent / agent.cli.main: the interpreter is the way in
        return f"{shlex.quote(python or sys.executable)} -m agent {subcommand}"
    here = Path(cwd if cwd is not None else os.getcwd())
    script = (here / script).resolve()
    on_path = shutil.which("fathom", path=path if path is not None else os.environ.get("PATH", os.defpath))
    if on_path is not None and Path(on_path).resolve() == script:
        return f"fathom {subcommand}"
    try:
        shown = str(script.relative_to(here.resolve()))
        shown = shown if os.sep in shown else f".{os.sep}{shown}"  # a bare name would be looked up on the PATH
    except ValueError:
        shown = str(script)
    return f"{shlex.quote(shown)} {subcommand}"
