"""One settings table: defaults, environment variables, `fathom serve --help` and docs/settings.md all come
from AgentSettings' declaration, and a running agent obeys a setting given in its environment."""

from __future__ import annotations

import json
import runpy
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from agent.cli.main import main
from agent.settings import SETTING, SETTINGS, AgentSettings, resolve_port, resolve_settings
from tests.conftest import REPO
from tests.support.agent_process import AgentProcess, free_port

SETTINGS_DOC = REPO / "scripts" / "settings-doc"
UNSET = {setting.env: "" for setting in SETTINGS}  # an empty variable counts as unset


def test_every_field_but_the_data_dir_is_a_row_of_the_table() -> None:
    assert [spec.name for spec in fields(AgentSettings)] == ["data_dir", *(s.name for s in SETTINGS)]


def test_the_existing_setting_names_are_kept() -> None:
    assert set(SETTING) >= {
        "port", "max_body_bytes", "max_import_bytes", "pairing_seconds", "pairing_tries",
        "auth_timeout_seconds", "session_ttl_seconds", "auth_failures_limit", "max_subscriptions",
    }  # fmt: skip


def test_defaults_are_the_tables(tmp_path: Path) -> None:
    settings = AgentSettings(data_dir=tmp_path)
    assert {s.name: getattr(settings, s.name) for s in SETTINGS} == {s.name: s.default for s in SETTINGS}
    assert resolve_settings(tmp_path, {}, UNSET) == settings
    assert (SETTING["port"].default, SETTING["pairing_seconds"].default, SETTING["max_body_bytes"].default) == (
        47821,
        120,
        1024 * 1024,
    )


def test_each_setting_reads_its_environment_variable(tmp_path: Path) -> None:
    environ = {s.env: str(s.default * 2 if s.name != "port" else 48000) for s in SETTINGS}
    settings = resolve_settings(tmp_path, {}, environ)
    assert SETTING["pairing_tries"].env == "FATHOM_PAIRING_TRIES"
    assert {s.name: getattr(settings, s.name) for s in SETTINGS} == {s.name: s.kind(environ[s.env]) for s in SETTINGS}


def test_a_flag_wins_over_the_environment(tmp_path: Path) -> None:
    settings = resolve_settings(tmp_path, {"pairing_seconds": "30"}, {"FATHOM_PAIRING_SECONDS": "60"})
    assert settings.pairing_seconds == 30


def test_commands_that_talk_to_an_agent_read_the_port_the_same_way(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FATHOM_PORT", "48123")
    assert (resolve_port(None), resolve_port(48000)) == (48123, 48000)


@pytest.mark.parametrize(
    ("variable", "text", "says"),
    [
        ("FATHOM_PAIRING_TRIES", "five", "is not a whole number"),
        ("FATHOM_PAIRING_TRIES", "2.5", "is not a whole number"),
        ("FATHOM_PORT", "70000", "use 1024-65535"),
        ("FATHOM_MAX_BODY_BYTES", "0", "use 1 or more"),
        ("FATHOM_AUTH_TIMEOUT_SECONDS", "nan", "out of range"),
        ("FATHOM_SESSION_TTL_SECONDS", "inf", "out of range"),
    ],
)
def test_an_unreadable_value_is_refused_naming_its_variable(tmp_path: Path, variable: str, text: str, says: str):
    with pytest.raises(ValueError, match=f"{variable}=.*{says}"):
        resolve_settings(tmp_path, {}, {variable: text})


def test_serve_refuses_a_bad_variable_with_a_usage_error(capsys, data_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("FATHOM_MAX_SUBSCRIPTIONS", "lots")
    code = main(["serve", "--data-dir", str(data_dir)])
    assert code == 2 and "FATHOM_MAX_SUBSCRIPTIONS='lots' is not a whole number" in capsys.readouterr().err
    assert not data_dir.exists()  # refused before anything was opened or created


def test_serve_help_lists_every_setting_with_its_flag_default_and_variable(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    text = " ".join(capsys.readouterr().out.split())  # argparse wraps lines anywhere
    for setting in SETTINGS:
        default = int(setting.default) if float(setting.default).is_integer() else setting.default
        assert f"{setting.flag} N {setting.help} Default: {default}" in text and setting.env in text


def test_docs_settings_md_holds_the_current_table() -> None:
    result = subprocess.run(
        [sys.executable, str(SETTINGS_DOC), "--check"], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_the_docs_check_notices_a_drifted_row() -> None:
    script = runpy.run_path(str(SETTINGS_DOC))
    doc = script["DOC"].read_text("utf-8")
    assert script["with_current_table"](doc) == doc
    drifted = doc.replace("| 5 tries |", "| 3 tries |")
    assert drifted != doc and script["with_current_table"](drifted) == doc


def test_a_running_agent_obeys_a_setting_from_its_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("FATHOM_PAIRING_SECONDS", "37")
    agent = AgentProcess(tmp_path / "data", free_port())
    agent.start()
    try:
        assert json.loads(agent.cli("pair", "--json"))["expires_in"] == 37
    finally:
        agent.stop()
