"""Someone not in Fathom: `show` says so (exit 3), `log` says it added them, both suggest who a typo meant."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from agent.cli.main import main
from agent.records import Identity, Person
from agent.service.similar import similar_people
from agent.store import ops
from agent.store.store import Store
from tests.support.agent_process import REPO, AgentProcess, free_port

TYPO = "eduardo-alvarez-nowk"
REAL = "eduardo-alvarez-nowak"


def fathom(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _log(capsys, data_dir: Path, *who: str) -> tuple[int, str, str]:
    return fathom(capsys, "log", *who, "--kind", "dm", "--at", "2026-11-01", "--data-dir", str(data_dir))


def test_show_of_someone_not_in_fathom_says_so_and_exits_3(capsys, data_dir: Path) -> None:
    code, out, err = fathom(capsys, "show", "--x", "@NewFace", "--data-dir", str(data_dir))
    assert code == 3 and out == ""
    assert "X @newface is not in Fathom." in err and "fathom log --x newface --kind KIND" in err
    assert "Stranger" not in err


def test_show_json_of_someone_not_in_fathom_prints_no_stranger_card(capsys, data_dir: Path) -> None:
    code, out, err = fathom(capsys, "show", "--linkedin", "nobody-here", "--json", "--data-dir", str(data_dir))
    assert code == 3 and out == "" and "LinkedIn nobody-here is not in Fathom." in err


def test_show_of_a_typo_suggests_the_close_slug(capsys, data_dir: Path) -> None:
    assert _log(capsys, data_dir, "--linkedin", REAL)[0] == 0
    code, _, err = fathom(capsys, "show", "--linkedin", TYPO, "--data-dir", str(data_dir))
    assert code == 3 and f"fathom show --linkedin {REAL}" in err


def test_log_of_a_typo_says_it_created_a_person_and_suggests_the_close_match(capsys, data_dir: Path) -> None:
    assert _log(capsys, data_dir, "--linkedin", REAL)[0] == 0
    code, out, _ = _log(capsys, data_dir, "--linkedin", TYPO)
    assert code == 0
    assert f"New in Fathom: {TYPO} (LinkedIn {TYPO}) was not there before." in out
    assert f"Did you mean:\n  {REAL}: fathom show --linkedin {REAL}" in out


def test_log_of_someone_known_says_nothing_about_new_people(capsys, data_dir: Path) -> None:
    _log(capsys, data_dir, "--x", "ada")
    code, out, _ = _log(capsys, data_dir, "--x", "ada")
    assert code == 0 and "New in Fathom" not in out and "Did you mean" not in out


def test_log_json_keeps_stdout_one_object_and_says_new_on_stderr(capsys, data_dir: Path) -> None:
    code, out, err = fathom(capsys, "log", "--x", "grace", "--kind", "dm", "--json", "--data-dir", str(data_dir))
    assert code == 0 and json.loads(out)["kind"] == "dm"
    assert "New in Fathom: @grace (X @grace)" in err


def test_close_matches_come_from_names_and_other_networks_too() -> None:
    people = [
        Person("p1", name="Eduardo Alvarez Nowak", identities=(Identity("x", "edu_an"),)),
        Person("p2", name="Someone Else", identities=(Identity("linkedin", "someone-else"),)),
        Person("p3", name="Typed", identities=(Identity("linkedin", TYPO),)),  # the one typed: not "similar"
    ]
    assert similar_people(people, "linkedin", TYPO) == [
        {"name": "Eduardo Alvarez Nowak", "network": "x", "handle": "edu_an"}
    ]


def test_someone_known_only_by_name_is_suggested_without_a_command_that_cannot_work(capsys, data_dir: Path) -> None:
    store = Store.open(data_dir)  # as a 2018 LinkedIn export leaves them: a name, no profile address
    store.write(lambda s: ([ops.put_person(Person("p_ngozi", name="Ngozi Okafor"))], None))
    store.close()
    code, _, err = fathom(capsys, "show", "--linkedin", "ngozi-okafor", "--data-dir", str(data_dir))
    assert code == 3 and "None" not in err
    assert "Did you mean:\n  Ngozi Okafor: known only by name (imported without a profile address)\n" in err


def test_a_suggestion_gives_an_identity_that_has_a_handle() -> None:
    people = [
        Person("p1", name="Ngozi Okafor", identities=(Identity("x", None, "12345"), Identity("linkedin", "n-ok")))
    ]
    assert similar_people(people, "x", "ngozi-okafor") == [
        {"name": "Ngozi Okafor", "network": "linkedin", "handle": "n-ok"}
    ]


def test_through_the_running_agent_show_and_log_say_the_same(tmp_path: Path) -> None:
    agent = AgentProcess(tmp_path / "data", free_port())
    agent.start()
    try:
        agent.cli("log", "--linkedin", REAL, "--kind", "dm")
        shown = subprocess.run(
            [sys.executable, "-m", "agent.cli.main", "show", "--linkedin", TYPO, "--data-dir", str(agent.data_dir)],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
        assert shown.returncode == 3 and f"LinkedIn {TYPO} is not in Fathom." in shown.stderr
        assert f"fathom show --linkedin {REAL}" in shown.stderr
        logged = agent.cli("log", "--linkedin", TYPO, "--kind", "dm")
        assert "New in Fathom" in logged and f"fathom show --linkedin {REAL}" in logged
    finally:
        agent.stop()
