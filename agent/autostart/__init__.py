"""Start the Fathom agent at login: install(), remove() and status() of this platform's login entry.

The platform modules (linux, macos, windows) render what to write where; this module compares that with
what is on disk, writes or deletes files, and runs the service manager's commands through an injected
runner. Installing twice leaves one identical entry; a failed install leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import sys
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from itertools import zip_longest
from pathlib import Path
from types import ModuleType

import agent
from agent.autostart import linux, macos, windows
from agent.autostart.commands import Runner, run_command
from agent.autostart.plan import AutostartContext, AutostartError, AutostartPlan, PlannedFile, launch_argv

__all__ = [
    "AutostartContext",
    "AutostartError",
    "AutostartOptions",
    "AutostartResult",
    "CommandRun",
    "Outcome",
    "detect_context",
    "install",
    "platform_plans",
    "remove",
    "status",
]


class Outcome(StrEnum):
    INSTALLED = "installed"
    UPDATED = "updated"
    ALREADY_INSTALLED = "already installed"
    REMOVED = "removed"
    NOT_INSTALLED = "not installed"
    DIFFERENT = "installed but different"
    FAILED = "failed"


@dataclass(frozen=True)
class AutostartOptions:
    """How to act: ``runner`` runs systemctl/launchctl (tests pass a fake); ``dry_run`` changes nothing."""

    context: AutostartContext
    runner: Runner
    dry_run: bool = False


@dataclass(frozen=True)
class CommandRun:
    argv: list[str]
    returncode: int | None = None  # None: not run (a dry run)
    output: str = ""

    @property
    def failed(self) -> bool:
        return self.returncode not in (None, 0)

    def describe(self) -> str:
        return shlex.join(self.argv)


@dataclass
class AutostartResult:
    """What an action did (or, in a dry run, would do)."""

    action: str
    outcome: Outcome
    method: str
    dry_run: bool = False
    written: list[PlannedFile] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    commands: list[CommandRun] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


class _State(Enum):
    ABSENT = "absent"
    SAME = "same"
    DIFFERENT = "different"


def platform_plans(ctx: AutostartContext) -> list[AutostartPlan]:
    """Every login entry this platform knows, the one ``install`` writes first."""
    return _platform_module(ctx.platform).plans(ctx)


def detect_context(data_dir: Path | None = None, port: int | None = None) -> AutostartContext:
    """The context of this process: its Python, home, environment and (on Linux) systemd session.

    ``data_dir`` and ``port`` go into the command line only when given, i.e. when not the defaults.
    """
    uid = os.getuid() if hasattr(os, "getuid") else None
    platform = sys.platform
    has_systemd = (
        _platform_module(platform) is linux
        and uid is not None
        and linux.probe_systemd_user_session(uid, runner=run_command)
    )
    package_root = Path(agent.__file__).resolve().parent.parent
    # From a source checkout, `python -m agent` only finds the package when started in that checkout.
    working_dir = package_root if (package_root / "pyproject.toml").is_file() else None
    return AutostartContext(
        platform=platform,
        home=Path.home(),
        env=dict(os.environ),
        argv=launch_argv(sys.executable, data_dir, port),
        uid=uid,
        has_systemd_user_session=has_systemd,
        working_dir=working_dir,
    )


def install(opts: AutostartOptions) -> AutostartResult:
    target, *others = platform_plans(opts.context)
    state, _ = _plan_state(target)
    stale = [plan for plan in others if _plan_state(plan)[0] is not _State.ABSENT]
    result = AutostartResult("install", Outcome.INSTALLED, target.method, opts.dry_run)
    if state is _State.SAME and not stale:
        result.outcome = Outcome.ALREADY_INSTALLED
        result.messages.append(f"Fathom's {target.method} is already installed: {_paths(target)}")
        return result
    for plan in stale:  # e.g. an XDG entry left from before systemd ran: two entries would start two agents
        _take_down(plan, opts, result)
    if state is _State.DIFFERENT:
        _run_best_effort(target.remove_commands, opts, result)  # stop the old entry before replacing it
        result.outcome = Outcome.UPDATED
    _write(target.files, opts, result)
    for argv in target.commands:
        run = _run(argv, opts)
        result.commands.append(run)
        if run.failed:
            _roll_back(target, opts, result, run)
            return result
    result.messages.extend(target.notes)
    return result


def remove(opts: AutostartOptions) -> AutostartResult:
    plans = platform_plans(opts.context)
    present = [plan for plan in plans if _plan_state(plan)[0] is not _State.ABSENT]
    if not present:
        result = AutostartResult("remove", Outcome.NOT_INSTALLED, plans[0].method, opts.dry_run)
        result.messages.append("Fathom is not set to start at login; there was nothing to remove.")
        return result
    result = AutostartResult("remove", Outcome.REMOVED, ", ".join(p.method for p in present), opts.dry_run)
    for plan in present:
        _take_down(plan, opts, result)
    if not opts.dry_run:
        result.messages.append("Fathom will no longer start at login.")
    return result


def status(opts: AutostartOptions) -> AutostartResult:
    target, *others = platform_plans(opts.context)
    state, detail = _plan_state(target)
    result = AutostartResult("status", Outcome.INSTALLED, target.method, opts.dry_run)
    fix_with_install = "To fix: run `fathom autostart install` with the --data-dir/--port you want Fathom to use."
    if state is _State.SAME:
        result.messages.append(f"Fathom's {target.method} is installed: {_paths(target)}")
    elif state is _State.DIFFERENT:
        result.outcome = Outcome.DIFFERENT
        result.messages += [
            f"Fathom's {target.method} at {_paths(target)} is not what this Fathom would write: {detail}.",
            "It may start another Python, data dir or port, e.g. after an upgrade or a move to a new virtualenv.",
            fix_with_install,
        ]
    else:
        elsewhere = [plan for plan in others if _plan_state(plan)[0] is not _State.ABSENT]
        if elsewhere:
            result.outcome = Outcome.DIFFERENT
            result.messages += [
                f"Fathom is set up with its {elsewhere[0].method} ({_paths(elsewhere[0])}), "
                f"but this system now uses its {target.method} instead.",
                fix_with_install,
            ]
        else:
            result.outcome = Outcome.NOT_INSTALLED
            result.messages.append(
                "Fathom is not set to start at login. To start it at login, run: fathom autostart install"
            )
    return result


def _platform_module(platform: str) -> ModuleType:
    if platform == "darwin":
        return macos
    if platform == "win32":
        return windows
    if platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return linux
    raise AutostartError(
        f"starting Fathom at login is not supported on {platform!r}; "
        "start `fathom serve` from your own login scripts instead"
    )


def _plan_state(plan: AutostartPlan) -> tuple[_State, str]:
    """Whether the plan's files are on disk as planned, and (when not) the first difference found."""
    states = [_file_state(planned) for planned in plan.files]
    if all(state is _State.ABSENT for state, _ in states):
        return _State.ABSENT, ""
    for state, detail in states:
        if state is not _State.SAME:
            return _State.DIFFERENT, detail
    return _State.SAME, ""


def _file_state(planned: PlannedFile) -> tuple[_State, str]:
    try:
        with planned.path.open(encoding="utf-8", newline="") as handle:
            found = handle.read()
    except (FileNotFoundError, NotADirectoryError):
        return _State.ABSENT, f"{planned.path} is missing"
    except (OSError, UnicodeDecodeError) as exc:
        return _State.DIFFERENT, f"{planned.path} cannot be read ({exc})"
    if found == planned.content:
        return _State.SAME, ""
    return _State.DIFFERENT, _first_difference(found, planned.content)


def _first_difference(found: str, expected: str) -> str:
    pairs = zip_longest(found.splitlines(), expected.splitlines(), fillvalue="(nothing)")
    for number, (have, want) in enumerate(pairs, start=1):
        if have != want:
            return f"line {number} is {have.strip()!r} where {want.strip()!r} was expected"
    return "its line endings differ"


def _paths(plan: AutostartPlan) -> str:
    return ", ".join(str(planned.path) for planned in plan.files)


def _run(argv: list[str], opts: AutostartOptions) -> CommandRun:
    if opts.dry_run:
        return CommandRun(list(argv))
    outcome = opts.runner(argv)
    return CommandRun(list(argv), outcome.returncode, outcome.output)


def _run_best_effort(commands: list[list[str]], opts: AutostartOptions, result: AutostartResult) -> None:
    """Stopping is best effort: an entry that is not loaded (or no session to ask) must not block removal."""
    for argv in commands:
        run = _run(argv, opts)
        result.commands.append(run)
        if run.failed:
            result.messages.append(f"Note: `{run.describe()}` failed ({_outcome_text(run)}); carried on.")


def _take_down(plan: AutostartPlan, opts: AutostartOptions, result: AutostartResult) -> None:
    _run_best_effort(plan.remove_commands, opts, result)
    for planned in plan.files:
        if not opts.dry_run:
            try:
                planned.path.unlink(missing_ok=True)
            except OSError as exc:
                raise AutostartError(
                    f"could not delete {planned.path} ({exc.strerror or exc}); delete it by hand"
                ) from exc
        result.removed.append(planned.path)


def _write(files: list[PlannedFile], opts: AutostartOptions, result: AutostartResult) -> None:
    for planned in files:
        if not opts.dry_run:
            _write_file(planned)
        result.written.append(planned)


def _write_file(planned: PlannedFile) -> None:
    """Write via a temporary file and rename, so a crash never leaves half an entry."""
    partial = planned.path.with_name(planned.path.name + ".partial")
    try:
        planned.path.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("w", encoding="utf-8", newline="") as handle:
            handle.write(planned.content)
        partial.chmod(planned.mode)
        os.replace(partial, planned.path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise AutostartError(
            f"could not write {planned.path} ({exc.strerror or exc}); check that you own that folder"
        ) from exc


def _roll_back(plan: AutostartPlan, opts: AutostartOptions, result: AutostartResult, failed: CommandRun) -> None:
    """Undo a half-done install so that running install again retries it from scratch."""
    result.outcome = Outcome.FAILED
    result.messages.append(f"`{failed.describe()}` failed ({_outcome_text(failed)}).")
    _take_down(plan, opts, result)
    result.messages.append("Nothing is installed now. Fix the problem above and run `fathom autostart install` again.")


def _outcome_text(run: CommandRun) -> str:
    text = f"exit status {run.returncode}"
    return f"{text}: {run.output}" if run.output else text
