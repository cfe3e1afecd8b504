"""The LaunchAgent plist, rendered for a temporary HOME and read back with plistlib."""

from __future__ import annotations

import plistlib

import pytest

from agent.autostart import AutostartOptions, Outcome, install, macos, remove
from agent.autostart.plan import AutostartError

AWKWARD_PYTHON = "/Users/ada/Fathom & <Co>/venv/bin/python3"


def test_plist_is_planned_in_the_users_launch_agents_folder(make_context, home):
    (plan,) = macos.plans(make_context("darwin", uid=501))

    assert [f.path for f in plan.files] == [home / "Library/LaunchAgents/local.fathom.agent.plist"]
    assert plan.commands == [["launchctl", "bootstrap", "gui/501", str(plan.files[0].path)]]
    assert plan.remove_commands == [["launchctl", "bootout", "gui/501/local.fathom.agent"]]


def test_plist_runs_at_load_and_is_kept_alive_after_a_failure(make_context, home):
    argv = (AWKWARD_PYTHON, "-m", "agent", "serve", "--port", "48000")
    job = plistlib.loads(macos.render_plist(make_context("darwin", argv=argv)).encode())

    assert job["Label"] == "local.fathom.agent"
    assert job["ProgramArguments"] == list(argv)
    assert job["RunAtLoad"] is True
    assert job["KeepAlive"] == {"SuccessfulExit": False}
    assert job["StandardErrorPath"] == str(home / "Library/Logs/fathom-agent.log")
    assert "WorkingDirectory" not in job


def test_plist_escapes_xml_special_characters_in_paths(make_context):
    text = macos.render_plist(make_context("darwin", argv=(AWKWARD_PYTHON, "-m", "agent", "serve")))

    assert "<string>/Users/ada/Fathom &amp; &lt;Co&gt;/venv/bin/python3</string>" in text
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')


def test_plist_sets_the_working_directory_for_a_source_checkout(make_context, tmp_path):
    job = plistlib.loads(macos.render_plist(make_context("darwin", working_dir=tmp_path / "src tree")).encode())

    assert job["WorkingDirectory"] == str(tmp_path / "src tree")


def test_plan_without_a_user_id_says_what_is_wrong(make_context):
    with pytest.raises(AutostartError, match="user id"):
        macos.plans(make_context("darwin", uid=None))


def test_install_writes_the_plist_and_bootstraps_it_into_the_login_domain(make_context, runner, home):
    result = install(AutostartOptions(make_context("darwin", uid=501), runner))

    plist = home / "Library/LaunchAgents/local.fathom.agent.plist"
    assert result.outcome is Outcome.INSTALLED
    assert plistlib.loads(plist.read_bytes())["RunAtLoad"] is True
    assert runner.calls == [["launchctl", "bootstrap", "gui/501", str(plist)]]


def test_reinstall_with_another_python_boots_out_the_old_job_first(make_context, runner, home):
    install(AutostartOptions(make_context("darwin"), runner))
    moved = make_context("darwin", argv=("/opt/homebrew/bin/python3", "-m", "agent", "serve"))

    result = install(AutostartOptions(moved, runner))

    plist = home / "Library/LaunchAgents/local.fathom.agent.plist"
    assert result.outcome is Outcome.UPDATED
    assert runner.calls[1:] == [
        ["launchctl", "bootout", "gui/501/local.fathom.agent"],
        ["launchctl", "bootstrap", "gui/501", str(plist)],
    ]
    assert plistlib.loads(plist.read_bytes())["ProgramArguments"][0] == "/opt/homebrew/bin/python3"


def test_remove_boots_out_and_deletes_the_plist(make_context, runner, home):
    install(AutostartOptions(make_context("darwin"), runner))

    result = remove(AutostartOptions(make_context("darwin"), runner))

    assert result.outcome is Outcome.REMOVED
    assert runner.calls[-1] == ["launchctl", "bootout", "gui/501/local.fathom.agent"]
    assert not (home / "Library/LaunchAgents/local.fathom.agent.plist").exists()
