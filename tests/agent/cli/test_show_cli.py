"""fathom log's conversation flags and fathom show --as-of and --json, without an agent."""

from __future__ import annotations

import json
from pathlib import Path

from agent.cli.main import main
from agent.service.interactions import LogRequest
from agent.service.interactions import log as log_interaction
from agent.service.views import MAX_TIMELINE
from agent.store.store import Store


def fathom(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def show(capsys, data_dir: Path, *args: str) -> dict:
    code, out, err = fathom(capsys, "show", "--x", "ada", "--json", *args, "--data-dir", str(data_dir))
    assert code == 0, err
    return json.loads(out)


def log(capsys, data_dir: Path, *args: str) -> None:
    code, _, err = fathom(capsys, "log", "--x", "ada", *args, "--data-dir", str(data_dir))
    assert code == 0, err


def test_thread_and_ask_pair_a_reply_and_open_a_loop(capsys, data_dir: Path) -> None:
    log(capsys, data_dir, "--kind", "dm", "--direction", "me", "--at", "2026-03-01", "--thread", "t1", "--ask")
    asked = show(capsys, data_dir, "--as-of", "2026-03-05")
    assert [loop["type"] for loop in asked["open_loops"]] == ["waiting_on_them"]
    assert asked["interactions"][0]["ask"] is True and asked["interactions"][0]["thread"] == "t1"
    log(capsys, data_dir, "--kind", "dm", "--direction", "them", "--at", "2026-03-02", "--thread", "t1")
    answered = show(capsys, data_dir, "--as-of", "2026-03-05")
    assert answered["open_loops"] == []
    assert "1 real conversation in all, by message." in answered["depth"]["reasons"]


def test_as_of_evaluates_as_if_today_were_that_date(capsys, data_dir: Path) -> None:
    log(capsys, data_dir, "--kind", "in_person", "--at", "2025-01-10")
    log(capsys, data_dir, "--kind", "call", "--at", "2026-06-01")
    then = show(capsys, data_dir, "--as-of", "2025-01-20")
    assert [i["kind"] for i in then["interactions"]] == ["in_person"]  # the call had not happened yet
    assert then["depth"]["reasons"][0] == "Last real conversation last week (a meeting)."
    later = show(capsys, data_dir, "--as-of", "2026-06-03")
    assert [i["kind"] for i in later["interactions"]] == ["call", "in_person"]
    assert set(later) >= {"person", "interactions", "depth", "open_loops", "warnings"}
    assert set(later["depth"]) >= {"score", "stage", "peak_stage", "flags", "components", "reasons"}


def test_an_unreadable_as_of_is_a_clear_error(capsys, data_dir: Path) -> None:
    log(capsys, data_dir, "--kind", "call")
    code, _, err = fathom(capsys, "show", "--x", "ada", "--as-of", "soon", "--data-dir", str(data_dir))
    assert code != 0 and "fathom: --as-of must be an ISO 8601 date" in err


def test_show_folds_a_multi_line_note_onto_its_history_line(capsys, data_dir: Path) -> None:
    log(capsys, data_dir, "--kind", "dm", "--at", "2026-03-01", "--note", "Hi Ada,\n\nthanks for the intro!\nBest")
    code, out, _ = fathom(capsys, "show", "--x", "ada", "--data-dir", str(data_dir))
    history = out.split("History (newest first):\n", 1)[1].splitlines()
    assert code == 0 and len(history) == 1
    assert history[0].endswith("— Hi Ada, thanks for the intro! Best")


def test_show_cuts_a_long_note_at_a_word_with_an_ellipsis(capsys, data_dir: Path) -> None:
    note = "word " * 30 + "supercalifragilistic tail"
    log(capsys, data_dir, "--kind", "dm", "--at", "2026-03-01", "--note", note)
    code, out, _ = fathom(capsys, "show", "--x", "ada", "--data-dir", str(data_dir))
    shown = out.split("History (newest first):\n", 1)[1].splitlines()[0].split(" — ", 1)[1]
    assert code == 0 and shown.endswith("word…") and len(shown) <= 100
    assert note.startswith(shown.removesuffix("…"))


def test_show_json_lists_the_whole_history_past_the_overlays_newest(capsys, data_dir: Path) -> None:
    store = Store.open(data_dir)
    for day in range(MAX_TIMELINE + 1):
        request = LogRequest(kind="dm", direction="me", at=f"{2020 + day // 365}-01-01", network="x", handle="ada")
        store.write(lambda s, request=request: log_interaction(s, request))
    store.close()
    viewed = show(capsys, data_dir)
    assert len(viewed["interactions"]) == MAX_TIMELINE + 1
