"""The `fathom` command: exit codes and messages, with and without a running agent."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from agent.cli.main import build_parser, main
from agent.store.store import Store
from tests.fixtures import REAL_FIXTURES
from tests.support.agent_process import REPO, AgentProcess, free_port


def fathom(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)


@pytest.mark.parametrize("command", subcommands())
def test_every_subcommand_has_help(command: str, capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    assert "usage: fathom" in capsys.readouterr().out


def test_parse_real_linkedin_page_prints_the_profile(capsys) -> None:
    page = REAL_FIXTURES / "linkedin_profile_eduardo-alvarez-nowak_2024-05_guest.html"
    code, out, _ = fathom(capsys, "parse", "https://se.linkedin.com/in/eduardo-alvarez-nowak", str(page), "--json")
    assert code == 0
    profile = json.loads(out)["profile"]
    assert profile["handle"] == "eduardo-alvarez-nowak" and profile["network"] == "linkedin"


def test_parse_not_found_page_exits_3_with_the_reason(capsys) -> None:
    page = REAL_FIXTURES / "linkedin_profile_not_found_2024-06_guest.html"
    code, out, _ = fathom(capsys, "parse", "https://www.linkedin.com/in/nobody-here", str(page))
    assert code == 3
    assert "Not a profile page (not_found)" in out


def test_parse_missing_file_exits_2(capsys, tmp_path: Path) -> None:
    code, _, err = fathom(capsys, "parse", "https://x.com/a", str(tmp_path / "nope.html"))
    assert code == 2 and "Cannot read" in err


def test_log_then_show_without_an_agent(capsys, data_dir: Path) -> None:
    code, out, _ = fathom(
        capsys,
        "log",
        "--linkedin",
        "https://www.linkedin.com/in/Ada-L/",
        "--kind",
        "call",
        "--note",
        "career chat",
        "--at",
        "2026-11-01",
        "--data-dir",
        str(data_dir),
    )
    assert code == 0 and "Logged call" in out
    code, out, _ = fathom(capsys, "show", "--linkedin", "ada-l", "--json", "--data-dir", str(data_dir))
    assert code == 0
    view = json.loads(out)
    assert [i["note"] for i in view["interactions"]] == ["career chat"]
    assert set(view) >= {"person", "interactions", "depth", "open_loops", "warnings"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--at", "last tuesday"], "fathom: --at must be an ISO 8601 date or datetime"),
        (["--follow-up", "deck", "--due", "tomorrow"], "fathom: --due must be an ISO 8601 date or datetime"),
        (["--due", "2026-12-01"], "--due needs --follow-up"),
    ],
)
def test_log_bad_values_say_what_is_wrong(capsys, data_dir: Path, args: list[str], message: str) -> None:
    code, _, err = fathom(capsys, "log", "--x", "ada", "--kind", "dm", *args, "--data-dir", str(data_dir))
    assert code != 0 and message in err


def test_log_bad_handle_is_a_clear_error(capsys, data_dir: Path) -> None:
    code, _, err = fathom(
        capsys, "log", "--linkedin", "https://evil.test/in/x", "--kind", "dm", "--data-dir", str(data_dir)
    )
    assert code == 1 and "LinkedIn" in err


def test_unknown_kind_is_a_usage_error(capsys, data_dir: Path) -> None:
    with pytest.raises(SystemExit) as info:
        main(["log", "--x", "ada", "--kind", "poke", "--data-dir", str(data_dir)])
    assert info.value.code == 2


def test_pair_without_an_agent_says_how_to_start_it(capsys, data_dir: Path) -> None:
    code, _, err = fathom(capsys, "pair", "--data-dir", str(data_dir))
    assert code == 4 and "fathom serve" in err


def test_status_without_an_agent(capsys, data_dir: Path) -> None:
    code, out, _ = fathom(capsys, "status", "--json", "--data-dir", str(data_dir))
    assert code == 0 and json.loads(out)["running"] is False


def serve(data_dir: Path, port: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "agent", "serve", "--port", str(port), "--data-dir", str(data_dir)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_serve_refuses_a_taken_port(data_dir: Path) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        result = serve(data_dir, squatter.getsockname()[1])
    assert result.returncode != 0
    assert "already in use" in result.stderr and "--port" in result.stderr


def test_second_agent_on_the_same_data_dir_refuses_to_start(tmp_path: Path) -> None:
    agent = AgentProcess(tmp_path / "data", free_port())
    agent.start()
    try:
        result = serve(agent.data_dir, free_port())
        assert result.returncode != 0 and "already running" in result.stderr
    finally:
        agent.stop()


def test_serve_on_a_data_dir_in_use_says_once_what_to_do(capsys, data_dir: Path) -> None:
    holder = Store.open(data_dir, role="agent")
    try:
        code, _, err = fathom(capsys, "serve", "--port", str(free_port()), "--data-dir", str(data_dir))
    finally:
        holder.close()
    assert code == 1 and err.count("fathom status") == 1, err
    assert f"(agent pid {os.getpid()}) is using the data dir {data_dir}" in err and "already running" in err


def test_cli_goes_through_the_running_agent(tmp_path: Path) -> None:
    agent = AgentProcess(tmp_path / "data", free_port())
    agent.start()
    try:
        agent.cli("log", "--x", "grace", "--kind", "dm", "--note", "via agent")
        status = json.loads(agent.cli("status", "--json"))
        assert status["running"] is True and status["interactions"] == 1
        code = json.loads(agent.cli("pair", "--json"))["code"]
        assert len(code) == 8
    finally:
        agent.stop()


def test_import_locally_twice_then_undo(capsys, data_dir: Path, tmp_path: Path) -> None:
    from tests.fixtures.exports import build

    export = build.zip_folder(build.linkedin_2025(tmp_path / "li"), tmp_path / "li.zip")
    code, out, _ = fathom(capsys, "import", "linkedin", str(export), "--json", "--data-dir", str(data_dir))
    first = json.loads(out)
    assert code == 0 and first["interactions_added"] > 0
    assert all(row["file"] and row["line"] for row in first["skipped_rows"])
    code, out, _ = fathom(capsys, "import", "linkedin", str(export), "--json", "--data-dir", str(data_dir))
    second = json.loads(out)
    assert second["interactions_added"] == 0
    # The second import, still listed, holds all of it too: undoing the first leaves it all to the second.
    code, out, _ = fathom(capsys, "import", "undo", first["import_id"], "--data-dir", str(data_dir))
    assert code == 0 and "removed 0 interactions" in out and "a later import also holds" in out
    code, out, _ = fathom(capsys, "status", "--json", "--data-dir", str(data_dir))
    assert json.loads(out)["interactions"] == first["interactions_added"]
    code, out, _ = fathom(capsys, "import", "undo", second["import_id"], "--data-dir", str(data_dir))
    assert code == 0 and f"removed {first['interactions_added']} interactions" in out
    code, out, _ = fathom(capsys, "status", "--json", "--data-dir", str(data_dir))
    assert (json.loads(out)["people"], json.loads(out)["interactions"]) == (0, 0)


def test_import_list_and_undo_count_one_person_as_a_person(capsys, data_dir: Path, tmp_path: Path) -> None:
    from tests.fixtures.exports import build

    older = build.zip_folder(build.linkedin_2025(tmp_path / "old"), tmp_path / "old.zip")
    newer = build.zip_folder(build.linkedin_2025(tmp_path / "new", newer=True), tmp_path / "new.zip")
    fathom(capsys, "import", "linkedin", str(older), "--data-dir", str(data_dir))
    code, out, _ = fathom(capsys, "import", "linkedin", str(newer), "--json", "--data-dir", str(data_dir))
    later = json.loads(out)
    assert code == 0 and later["people_created"] == 1  # the newer export brings one new person
    code, out, _ = fathom(capsys, "import", "list", "--data-dir", str(data_dir))
    line = next(row for row in out.splitlines() if row.startswith(later["import_id"]))
    assert line.endswith(f": {later['interactions_added']} interactions, 1 new person")
    code, out, _ = fathom(capsys, "import", "undo", later["import_id"], "--data-dir", str(data_dir))
    assert code == 0 and "and 1 person it had created" in out


def test_import_of_something_else_exits_2_and_names_the_problem(capsys, data_dir: Path, tmp_path: Path) -> None:
    from tests.fixtures.exports import build

    code, _, err = fathom(
        capsys, "import", "linkedin", str(build.not_an_export_zip(tmp_path)), "--data-dir", str(data_dir)
    )
    assert code == 2 and "does not look like a LinkedIn data export" in err and "Nothing was imported" in err


def test_import_through_the_running_agent_reports_progress_and_summary(tmp_path: Path) -> None:
    from tests.fixtures.exports import build

    export = build.x_2022(tmp_path / "x")
    agent = AgentProcess(tmp_path / "data", free_port())
    agent.start()
    try:
        summary = json.loads(agent.cli("import", "x", str(export), "--json"))
        assert summary["interactions_added"] > 0 and summary["network"] == "x"
        assert json.loads(agent.cli("status", "--json"))["interactions"] == summary["interactions_added"]
    finally:
        agent.stop()


# Each with the flag its message names: the user typed the flag, not the API's field.
OUT_OF_YEARS = [
    (("log", "--x", "ada", "--kind", "dm", "--at", "0001-01-01T00:00:00+14:00"), "--at"),
    (("log", "--x", "ada", "--kind", "dm", "--follow-up", "deck", "--due", "9999-12-31T23:59:59-14:00"), "--due"),
    (("show", "--x", "ada", "--as-of", "9999-12-31T23:59:59-14:00"), "--as-of"),
    (("review", "--as-of", "0001-01-01T00:00:00+14:00"), "--as-of"),
]


@pytest.mark.parametrize(("args", "flag"), OUT_OF_YEARS)
def test_a_date_past_the_years_is_a_message_without_an_agent(
    capsys, data_dir: Path, args: tuple[str, ...], flag: str
) -> None:
    code, _, err = fathom(capsys, *args, "--data-dir", str(data_dir))
    assert code == 1 and f"fathom: {flag} must fall between 0001-01-01 and 9999-12-31" in err
    assert "Traceback" not in err


def test_a_date_past_the_years_is_a_message_through_the_agent(tmp_path: Path) -> None:
    agent = AgentProcess(tmp_path / "data", free_port())
    agent.start()
    try:
        for args, flag in OUT_OF_YEARS:
            with pytest.raises(RuntimeError) as info:
                agent.cli(*args)
            assert "exited 1" in str(info.value)
            assert f"fathom: {flag} must fall between 0001-01-01 and 9999-12-31" in str(info.value)
            assert "Traceback" not in str(info.value)
        assert json.loads(agent.cli("status", "--json"))["interactions"] == 0
    finally:
        agent.stop()


def test_cli_calls_leave_no_routine_lines_in_the_agents_log(tmp_path: Path) -> None:
    agent = AgentProcess(tmp_path / "data", free_port())
    agent.start()
    try:
        before = (agent.data_dir / "logs" / "agent.log").read_text("utf-8")
        for _ in range(3):
            agent.cli("status", "--json")
        after = (agent.data_dir / "logs" / "agent.log").read_text("utf-8")
    finally:
        agent.stop()
    new_lines = after[len(before) :]  # the agent may still log its own start; a CLI call adds nothing
    assert "authenticated" not in new_lines and "fathom.events" not in new_lines, new_lines
