"""What starting Fathom at login needs: the inputs (AutostartContext) and the outputs (AutostartPlan).

Everything here is plain data. The platform modules turn a context into a plan without touching the disk,
so each platform's files can be rendered and checked on any machine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# The name every platform's entry is filed under (unit, plist label suffix, Startup file).
ENTRY_NAME = "fathom-agent"


class AutostartError(Exception):
    """The entry cannot be rendered or installed; the message says why and what to do."""


@dataclass(frozen=True)
class AutostartContext:
    """Everything that decides what gets written and where.

    Attributes:
        platform: ``sys.platform`` of the machine the entry is for ("linux", "darwin", "win32").
        home: the user's home directory.
        env: the environment to read XDG_CONFIG_HOME / APPDATA from.
        argv: the command to run at login, starting with an absolute Python path.
        uid: the user's numeric id (launchctl's ``gui/<uid>`` domain); None where there is none.
        has_systemd_user_session: whether ``systemctl --user`` can manage units for this user.
        working_dir: where to start the command; set when the agent runs from a source checkout that
            ``python -m agent`` would not find from anywhere else.
    """

    platform: str
    home: Path
    env: Mapping[str, str]
    argv: tuple[str, ...]
    uid: int | None = None
    has_systemd_user_session: bool = False
    working_dir: Path | None = None


@dataclass(frozen=True)
class PlannedFile:
    path: Path
    content: str
    mode: int = 0o644


@dataclass(frozen=True)
class AutostartPlan:
    """One way of starting Fathom at login on one platform.

    Attributes:
        method: what the entry is, for people ("systemd user unit").
        files: what to write where.
        commands: run after the files are written, to load and start the entry now.
        remove_commands: run before the files are deleted (and before an entry is rewritten), to stop it.
        notes: what the user should know once it is installed.
    """

    method: str
    files: list[PlannedFile]
    commands: list[list[str]] = field(default_factory=list)
    remove_commands: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def launch_argv(
    python: str,
    data_dir: Path | None = None,
    port: int | None = None,
) -> tuple[str, ...]:
    """The command that starts the agent; ``data_dir``/``port`` only when they are not the defaults.

    Raises:
        AutostartError: ``python`` is not an absolute path, or an argument holds a control character
            (none of the entry formats can carry one safely).
    """
    if not python or not (python.startswith("/") or _is_windows_absolute(python)):
        raise AutostartError(
            f"cannot tell which Python runs Fathom (got {python!r}); "
            "run this command with the Python that has Fathom installed, e.g. `python -m agent autostart install`"
        )
    argv = [python, "-m", "agent", "serve"]
    if data_dir is not None:
        argv += ["--data-dir", str(data_dir)]
    if port is not None:
        argv += ["--port", str(port)]
    check_printable(argv)
    return tuple(argv)


def check_printable(values: Sequence[str]) -> None:
    """Refuse control characters (newlines, NUL...) that would break or inject into an entry file."""
    for value in values:
        if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
            raise AutostartError(
                f"{value!r} contains a control character (such as a newline), which cannot be written "
                "into a login entry; use a path without one"
            )


def _is_windows_absolute(path: str) -> bool:
    drive_path = len(path) > 2 and path[0].isalpha() and path[1] == ":" and path[2] in "\\/"
    return drive_path or path.startswith("\\\\")  # C:\... or a UNC share
