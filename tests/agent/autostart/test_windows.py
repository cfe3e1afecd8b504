"""The Startup-folder .cmd, rendered for a temporary HOME and APPDATA."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.autostart import AutostartOptions, Outcome, install, remove, windows
from agent.autostart.plan import AutostartError

STARTUP = "Microsoft/Windows/Start Menu/Programs/Startup"


def test_cmd_is_planned_in_the_startup_folder_under_appdata(make_context, tmp_path):
    appdata = tmp_path / "Roaming"
    (plan,) = windows.plans(make_context("win32", env={"APPDATA": str(appdata)}))

    assert [f.path for f in plan.files] == [appdata / STARTUP / "fathom-agent.cmd"]
    assert plan.commands == []  # a per-user Startup file needs no service manager and no admin rights


def test_startup_folder_falls_back_to_the_home_roaming_folder_without_appdata(make_context, home):
    (plan,) = windows.plans(make_context("win32", env={}))

    assert plan.files[0].path == home / "AppData/Roaming" / STARTUP / "fathom-agent.cmd"


def test_cmd_starts_pythonw_minimised_with_crlf_line_endings(make_context):
    text = windows.render_cmd(make_context("win32"))

    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")
    assert lines[0] == "@echo off"
    assert 'start "Fathom agent" /min "C:\\Program Files\\Python311\\pythonw.exe" -m agent serve' in lines
    assert not any(line.startswith("chcp") for line in lines)


def test_cmd_changes_to_the_source_checkout_when_there_is_one(make_context):
    argv = ("C:\\Python311\\python.exe", "-m", "agent", "serve")
    text = windows.render_cmd(make_context("win32", argv=argv, working_dir=Path("C:\\src\\fathom main")))

    assert 'cd /d "C:\\src\\fathom main"' in text.split("\r\n")


def test_cmd_switches_to_utf8_for_non_ascii_paths(make_context):
    argv = ("C:\\Users\\Zoë\\venv\\Scripts\\python.exe", "-m", "agent", "serve")
    lines = windows.render_cmd(make_context("win32", argv=argv)).split("\r\n")

    chcp = lines.index("chcp 65001 >nul")
    assert chcp < next(i for i, line in enumerate(lines) if line.startswith("start "))


@pytest.mark.parametrize(
    ("python", "expected"),
    [
        ("C:\\Python311\\python.exe", "C:\\Python311\\pythonw.exe"),
        ("C:\\Python311\\PYTHON.EXE", "C:\\Python311\\pythonw.exe"),
        ("C:\\venv\\Scripts\\pythonw.exe", "C:\\venv\\Scripts\\pythonw.exe"),
        ("C:\\tools\\python3.11.exe", "C:\\tools\\python3.11.exe"),
    ],
)
def test_windowless_python_swaps_only_python_exe(python, expected):
    assert windows.windowless_python(python) == expected


@pytest.mark.parametrize(
    ("arg", "quoted"),
    [
        ("serve", "serve"),
        ("C:\\Users\\ada\\Fathom Data", '"C:\\Users\\ada\\Fathom Data"'),
        ("C:\\data\\100%", '"C:\\data\\100%%"'),
        ("C:\\R&D", '"C:\\R&D"'),
        # A backslash before the closing quote would escape it for the agent's argv parser.
        ("C:\\Fathom Data\\", '"C:\\Fathom Data\\\\"'),
        ("", '""'),
    ],
)
def test_cmd_quote_protects_arguments_from_cmd_exe(arg, quoted):
    assert windows.cmd_quote(arg) == quoted


def test_cmd_quote_refuses_a_double_quote_with_a_hint():
    with pytest.raises(AutostartError, match="double quote"):
        windows.cmd_quote('C:\\bad"path')


def test_install_then_remove_touches_only_the_startup_file(make_context, runner, tmp_path):
    ctx = make_context("win32", env={"APPDATA": str(tmp_path / "Roaming")})
    entry = tmp_path / "Roaming" / STARTUP / "fathom-agent.cmd"

    installed = install(AutostartOptions(ctx, runner))
    assert installed.outcome is Outcome.INSTALLED
    assert entry.read_bytes().startswith(b"@echo off\r\n")

    removed = remove(AutostartOptions(ctx, runner))
    assert removed.outcome is Outcome.REMOVED
    assert not entry.exists()
    assert runner.calls == []
