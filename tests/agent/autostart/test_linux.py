"""The systemd user unit and the XDG autostart entry, rendered for a temporary HOME."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from agent.autostart import linux
from agent.autostart.commands import CommandOutcome


def test_unit_is_planned_under_dot_config_when_a_systemd_user_session_runs(make_context, home):
    systemd, xdg = linux.plans(make_context(has_systemd_user_session=True))

    assert systemd.method == linux.SYSTEMD_METHOD
    assert [f.path for f in systemd.files] == [home / ".config/systemd/user/fathom-agent.service"]
    assert systemd.commands == [
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", "--now", "fathom-agent.service"],
    ]
    assert systemd.remove_commands == [["systemctl", "--user", "disable", "--now", "fathom-agent.service"]]
    assert [f.path for f in xdg.files] == [home / ".config/autostart/fathom-agent.desktop"]


def test_without_a_systemd_user_session_the_xdg_entry_is_planned_first(make_context):
    first, second = linux.plans(make_context(has_systemd_user_session=False))

    assert first.method == linux.XDG_METHOD
    assert first.commands == []  # nothing to load: the desktop reads the folder at login
    assert second.method == linux.SYSTEMD_METHOD


def test_absolute_xdg_config_home_holds_both_entries(make_context, tmp_path):
    config = tmp_path / "elsewhere config"
    systemd, xdg = linux.plans(make_context(env={"XDG_CONFIG_HOME": str(config)}))

    assert systemd.files[0].path == config / "systemd/user/fathom-agent.service"
    assert xdg.files[0].path == config / "autostart/fathom-agent.desktop"


def test_relative_xdg_config_home_is_ignored_as_the_spec_says(make_context, home):
    systemd, _ = linux.plans(make_context(env={"XDG_CONFIG_HOME": "relative/config"}))

    assert systemd.files[0].path == home / ".config/systemd/user/fathom-agent.service"


def test_unit_restarts_on_failure_and_starts_with_the_login_session(make_context):
    unit = linux.render_unit(make_context(argv=("/opt/fathom venv/bin/python3", "-m", "agent", "serve")))
    lines = unit.splitlines()

    assert 'ExecStart="/opt/fathom venv/bin/python3" -m agent serve' in lines
    assert "Restart=on-failure" in lines
    assert "WantedBy=default.target" in lines
    assert not any(line.startswith("WorkingDirectory=") for line in lines)
    assert unit.endswith("\n")


@pytest.mark.parametrize(
    ("arg", "quoted"),
    [
        ("/usr/bin/python3", "/usr/bin/python3"),
        ("--data-dir", "--data-dir"),
        ("/opt/fathom venv/bin/python3", '"/opt/fathom venv/bin/python3"'),
        ("/data/100%", '"/data/100%%"'),
        ("/data/$HOME", '"/data/$$HOME"'),
        ('/data/say "hi"', '"/data/say \\"hi\\""'),
        ("/data/back\\slash", '"/data/back\\\\slash"'),
        (";", '";"'),
        ("", '""'),
    ],
)
def test_systemd_quote_escapes_what_execstart_would_expand(arg, quoted):
    assert linux.systemd_quote(arg) == quoted


def test_unit_working_directory_keeps_spaces_and_escapes_specifiers(make_context, tmp_path):
    checkout = tmp_path / "my 100% checkout"
    unit = linux.render_unit(make_context(working_dir=checkout))

    assert f"WorkingDirectory={tmp_path}/my 100%% checkout" in unit.splitlines()


def test_unit_with_awkward_paths_is_accepted_by_systemd_analyze(make_context, tmp_path):
    """Paths with spaces, %, $ and quotes stay one argument each; systemd-analyze checks the file."""
    venv_bin = tmp_path / "fathom venv" / "bin"
    venv_bin.mkdir(parents=True)
    python = venv_bin / "python3"
    python.symlink_to(sys.executable)
    data_dir = tmp_path / 'data 100% $HOME "x"'
    argv = (str(python), "-m", "agent", "serve", "--data-dir", str(data_dir), "--port", "48000")
    unit_path = tmp_path / "fathom-agent.service"
    unit_path.write_text(linux.render_unit(make_context(argv=argv, working_dir=tmp_path / "source tree")))

    exec_start = next(line for line in unit_path.read_text().splitlines() if line.startswith("ExecStart="))
    assert exec_start == (
        f'ExecStart="{python}" -m agent serve --data-dir "{tmp_path}/data 100%% $$HOME \\"x\\"" --port 48000'
    )
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        return  # no systemd tools on this machine (Debian package: systemd); the text check above still ran
    verify = subprocess.run(
        [analyze, "verify", "--man=no", str(unit_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert verify.returncode == 0, verify.stderr
    assert str(unit_path) not in verify.stderr, verify.stderr  # no warnings about our file either


@pytest.mark.parametrize(
    ("arg", "quoted"),
    [
        ("/usr/bin/python3", "/usr/bin/python3"),
        ("/opt/fathom venv/bin/python3", '"/opt/fathom venv/bin/python3"'),
        ("/data/100%", '"/data/100%%"'),
        # Exec= quoting puts a backslash before $; string-value escaping then doubles that backslash.
        ("/data/$HOME", '"/data/\\\\$HOME"'),
        ("/data/back\\slash", '"/data/back\\\\\\\\slash"'),
        ("/data/it's", '"/data/it\'s"'),
        ("", '""'),
    ],
)
def test_desktop_exec_quote_follows_the_desktop_entry_spec(arg, quoted):
    assert linux.desktop_exec_quote(arg) == quoted


def test_desktop_entry_runs_the_agent_hidden_without_a_terminal(make_context, tmp_path):
    argv = ("/opt/fathom venv/bin/python3", "-m", "agent", "serve")
    entry = linux.render_desktop_entry(make_context(argv=argv, working_dir=tmp_path / "source tree"))
    lines = entry.splitlines()

    assert lines[0] == "[Desktop Entry]"
    assert 'Exec="/opt/fathom venv/bin/python3" -m agent serve' in lines
    assert f"Path={tmp_path}/source tree" in lines
    assert "Terminal=false" in lines
    assert "NoDisplay=true" in lines


def test_probe_finds_a_session_by_its_runtime_dir_without_running_systemctl(tmp_path, runner):
    (tmp_path / "1000" / "systemd").mkdir(parents=True)

    assert linux.probe_systemd_user_session(1000, runtime_root=tmp_path, runner=runner)
    assert runner.calls == []


def test_probe_asks_systemctl_when_there_is_no_runtime_dir(tmp_path, runner):

    assert linux.probe_systemd_user_session(1000, runtime_root=tmp_path, runner=runner)
    assert runner.calls == [["systemctl", "--user", "show-environment"]]


def test_probe_reports_no_session_when_systemctl_fails(tmp_path, make_runner):
    failing = make_runner(
        fail={("systemctl", "--user", "show-environment"): CommandOutcome(1, "Failed to connect to bus")}
    )

    assert not linux.probe_systemd_user_session(1000, runtime_root=tmp_path, runner=failing)
