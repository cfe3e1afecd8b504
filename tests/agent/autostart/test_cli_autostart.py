"""`fathom autostart install|remove|status` against a temporary HOME, with a runner that only records."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pytest

import agent
from agent.autostart import detect_context
from agent.autostart.commands import CommandOutcome
from agent.autostart.plan import launch_argv
from agent.cli import cmd_autostart
from agent.cli.errors import CliError

PYTHON = "/opt/fathom venv/bin/python3"
ENABLE = ["systemctl", "--user", "enable", "--now", "fathom-agent.service"]
RELOAD = ["systemctl", "--user", "daemon-reload"]
DISABLE = ["systemctl", "--user", "disable", "--now", "fathom-agent.service"]


@pytest.fixture(autouse=True)
def no_fathom_env(monkeypatch):
    """The user's own FATHOM_* settings must not leak into the entries these tests render."""
    monkeypatch.delenv("FATHOM_DATA_DIR", raising=False)
    monkeypatch.delenv("FATHOM_PORT", raising=False)


@pytest.fixture
def detect(make_context):
    """A detect_context stand-in: Linux with a systemd user session, this test's HOME, a fixed Python."""
    seen: list[tuple[Path | None, int | None]] = []

    def fake(data_dir=None, port=None, python=PYTHON, **overrides):
        seen.append((data_dir, port))
        return make_context(argv=launch_argv(python, data_dir, port), **overrides)

    fake.seen = seen
    return fake


def run_cli(argv, runner, detect, **context_overrides) -> int:
    """Parse with only this command registered, so other commands' modules do not matter here."""
    parser = argparse.ArgumentParser(prog="fathom")
    cmd_autostart.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["autostart", *argv])
    return cmd_autostart.run(args, runner=runner, detect=lambda **kw: detect(**kw, **context_overrides))


def unit_path(home: Path) -> Path:
    return home / ".config/systemd/user/fathom-agent.service"


def test_install_dry_run_prints_where_and_what_and_changes_nothing(runner, detect, home, capsys):
    assert run_cli(["install", "--dry-run"], runner, detect) == 0

    out = capsys.readouterr().out
    assert "Dry run: nothing was written, removed or run." in out
    assert f"Would write {unit_path(home)} (systemd user unit):" in out
    assert f'    ExecStart="{PYTHON}" -m agent serve' in out
    assert "Would run: systemctl --user daemon-reload" in out
    assert "Would run: systemctl --user enable --now fathom-agent.service" in out
    assert runner.calls == []
    assert list(home.iterdir()) == []


def test_install_writes_the_unit_and_enables_it_now(runner, detect, home, capsys):
    assert run_cli(["install"], runner, detect) == 0

    assert "Restart=on-failure" in unit_path(home).read_text()
    assert runner.calls == [RELOAD, ENABLE]
    out = capsys.readouterr().out
    assert "Ran: systemctl --user enable --now fathom-agent.service (ok)" in out
    assert "Fathom's systemd user unit is installed." in out


def test_installing_twice_leaves_one_identical_entry_and_says_already_installed(runner, detect, home, capsys):
    run_cli(["install"], runner, detect)
    first = unit_path(home).read_text()
    capsys.readouterr()

    assert run_cli(["install"], runner, detect) == 0

    assert "already installed" in capsys.readouterr().out
    assert unit_path(home).read_text() == first
    assert sorted(p.name for p in unit_path(home).parent.iterdir()) == ["fathom-agent.service"]
    assert runner.calls == [RELOAD, ENABLE]  # nothing more ran the second time


def test_install_from_another_python_stops_the_old_unit_and_rewrites_it(runner, detect, home, capsys):
    run_cli(["install"], runner, detect)

    assert run_cli(["install"], runner, lambda **kw: detect(python="/usr/bin/python3", **kw)) == 0

    assert "ExecStart=/usr/bin/python3 -m agent serve" in unit_path(home).read_text()
    assert runner.calls[2:] == [DISABLE, RELOAD, ENABLE]
    assert "is updated" in capsys.readouterr().out


def test_failed_enable_rolls_back_so_install_can_be_retried(make_runner, runner, detect, home, capsys):
    failing = make_runner(fail={tuple(ENABLE): CommandOutcome(1, "Failed to connect to bus")})

    assert run_cli(["install"], failing, detect) == 1

    out = capsys.readouterr().out
    assert "failed (exit status 1: Failed to connect to bus)" in out
    assert "Nothing is installed now." in out
    assert not unit_path(home).exists()
    assert run_cli(["install"], runner, detect) == 0
    assert runner.calls == [RELOAD, ENABLE]


def test_install_replaces_a_leftover_xdg_entry_with_the_systemd_unit(runner, detect, home, capsys):
    leftover = home / ".config/autostart/fathom-agent.desktop"
    leftover.parent.mkdir(parents=True)
    leftover.write_text("[Desktop Entry]\nExec=/old/python -m agent serve\n")

    assert run_cli(["install"], runner, detect) == 0

    assert not leftover.exists()
    assert unit_path(home).exists()
    assert f"Removed {leftover}" in capsys.readouterr().out


def test_xdg_entry_is_installed_without_a_systemd_user_session(runner, detect, home, capsys):
    assert run_cli(["install"], runner, detect, has_systemd_user_session=False) == 0

    assert f'Exec="{PYTHON}" -m agent serve' in (home / ".config/autostart/fathom-agent.desktop").read_text()
    assert runner.calls == []
    assert "To start it now, run: fathom serve" in capsys.readouterr().out


def test_remove_disables_and_deletes_the_unit(runner, detect, home, capsys):
    run_cli(["install"], runner, detect)

    assert run_cli(["remove"], runner, detect) == 0

    assert not unit_path(home).exists()
    assert runner.calls[-1] == DISABLE
    assert f"Removed {unit_path(home)}" in capsys.readouterr().out


def test_remove_dry_run_keeps_the_unit(runner, detect, home, capsys):
    run_cli(["install"], runner, detect)

    assert run_cli(["remove", "--dry-run"], runner, detect) == 0

    assert unit_path(home).exists()
    assert f"Would remove {unit_path(home)}" in capsys.readouterr().out
    assert runner.calls == [RELOAD, ENABLE]


def test_remove_when_nothing_is_installed_says_so_and_exits_0(runner, detect, capsys):
    assert run_cli(["remove"], runner, detect) == 0

    assert "nothing to remove" in capsys.readouterr().out
    assert runner.calls == []


def test_status_when_not_installed_exits_3_and_says_how_to_install(runner, detect, capsys):
    assert run_cli(["status"], runner, detect) == 3

    assert "run: fathom autostart install" in capsys.readouterr().out


def test_status_when_installed_exits_0_and_names_the_file(runner, detect, home, capsys):
    run_cli(["install"], runner, detect)
    capsys.readouterr()

    assert run_cli(["status"], runner, detect) == 0

    assert f"installed: {unit_path(home)}" in capsys.readouterr().out


def test_status_when_the_unit_points_at_another_python_exits_4_with_the_fix(runner, detect, capsys):
    run_cli(["install"], runner, lambda **kw: detect(python="/usr/bin/python3", **kw))
    capsys.readouterr()

    assert run_cli(["status"], runner, detect) == 4

    out = capsys.readouterr().out
    assert "'ExecStart=/usr/bin/python3 -m agent serve' where" in out
    assert "To fix: run `fathom autostart install`" in out


def test_status_reports_an_xdg_entry_left_where_systemd_now_runs(runner, detect, capsys):
    run_cli(["install"], runner, detect, has_systemd_user_session=False)
    capsys.readouterr()

    assert run_cli(["status"], runner, detect) == 4

    assert "set up with its XDG autostart entry" in capsys.readouterr().out


def test_non_default_data_dir_and_port_go_into_the_entry(runner, detect, home, tmp_path):
    data_dir = tmp_path / "fathom data"

    run_cli(["install", "--data-dir", str(data_dir), "--port", "48000"], runner, detect)

    assert detect.seen == [(data_dir, 48000)]
    assert f'--data-dir "{data_dir}" --port 48000' in unit_path(home).read_text()


def test_default_data_dir_and_port_stay_out_of_the_entry(runner, detect):
    run_cli(["status"], runner, detect)

    assert detect.seen == [(None, None)]


def test_out_of_range_port_is_refused_with_a_hint(runner, detect):
    with pytest.raises(CliError, match="port 80 is out of range; use 1024-65535"):
        run_cli(["status", "--port", "80"], runner, detect)
    assert detect.seen == []


def test_unsupported_platform_is_a_user_facing_error(runner, detect):
    with pytest.raises(CliError, match="not supported on 'sunos5'"):
        run_cli(["install"], runner, detect, platform="sunos5")


def test_unwritable_config_folder_is_a_user_facing_error(runner, detect, home):
    (home / ".config").write_text("a file where a folder should be")

    with pytest.raises(CliError, match=r"could not write .*fathom-agent\.service"):
        run_cli(["install"], runner, detect)
    assert runner.calls == []


def test_detect_context_launches_this_python_with_the_given_options(tmp_path):
    ctx = detect_context(data_dir=tmp_path, port=48000)

    assert ctx.argv == (sys.executable, "-m", "agent", "serve", "--data-dir", str(tmp_path), "--port", "48000")
    assert ctx.platform == sys.platform
    checkout = Path(agent.__file__).resolve().parent.parent
    assert ctx.working_dir == (checkout if (checkout / "pyproject.toml").is_file() else None)
