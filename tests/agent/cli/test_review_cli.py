"""fathom review without an agent (the CLI opens the data dir itself): the list, --json, --as-of, and
done / snooze / not relevant by key; bad input is a clear message and a non-zero exit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agent.cli.main import main

AS_OF = "2026-03-01"


def fathom(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def logged(capsys, data_dir: Path) -> Path:
    """Ada wrote on 10 Feb and got no answer; I promised Bob a deck due 20 Feb: two items on AS_OF."""
    for args in (
        ("--x", "ada", "--kind", "dm", "--direction", "them", "--at", "2026-02-10"),
        ("--x", "bob", "--kind", "call", "--at", "2026-02-12", "--follow-up", "send the deck", "--due", "2026-02-20"),
    ):
        code, _, err = fathom(capsys, "log", *args, "--data-dir", str(data_dir))
        assert code == 0, err
    return data_dir


def review_json(capsys, data_dir: Path, *args: str) -> list[dict]:
    code, out, err = fathom(capsys, "review", "--json", "--as-of", AS_OF, *args, "--data-dir", str(data_dir))
    assert code == 0, err
    return json.loads(out)["items"]


def test_review_json_prints_each_item_with_person_type_text_and_since(capsys, logged: Path) -> None:
    items = review_json(capsys, logged)
    assert [(i["person"]["name"], i["type"]) for i in items] == [
        ("@bob", "promised_follow_up"),  # overdue promises first
        ("@ada", "you_owe_reply"),
    ]
    assert items[0]["text"] == "Promised: send the deck (overdue by 9 days)."
    assert items[0]["since"] == "2026-02-12" and items[0]["overdue"] is True
    assert items[1]["since"] == "2026-02-10"


def test_review_prints_a_count_a_line_per_item_and_its_key(capsys, logged: Path) -> None:
    code, out, _ = fathom(capsys, "review", "--as-of", AS_OF, "--data-dir", str(logged))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "2 things need you:"
    assert lines[1] == (
        "- @bob: Promised: send the deck (overdue by 9 days).  [you promised, overdue, since 2026-02-12]"
    )
    assert lines[2].startswith("    key: promised_follow_up:")


def test_review_before_anything_is_due_says_nothing_needs_you(capsys, logged: Path) -> None:
    code, out, _ = fathom(capsys, "review", "--as-of", "2026-02-11", "--data-dir", str(logged))
    assert (code, out) == (0, "Nothing needs you right now.\n")


@pytest.mark.parametrize(
    ("action", "said"),
    [("done", "Marked done"), ("snooze", "Snoozed for a week, until "), ("dismiss", "Marked not relevant")],
)
def test_an_action_by_key_says_what_happened_and_hides_the_item(capsys, logged: Path, action: str, said: str) -> None:
    item = review_json(capsys, logged)[1]
    code, out, _ = fathom(capsys, "review", f"--{action}", item["key"], "--as-of", AS_OF, "--data-dir", str(logged))
    assert code == 0 and out.startswith(said) and out.endswith(f" — @ada: {item['text']}\n")
    assert [i["type"] for i in review_json(capsys, logged)] == ["promised_follow_up"]


@pytest.mark.parametrize(("action", "said"), [("done", "Marked done"), ("dismiss", "Marked not relevant")])
def test_a_snoozed_item_can_then_be_marked_done_or_not_relevant(capsys, logged: Path, action: str, said: str) -> None:
    item = review_json(capsys, logged)[1]
    code, _, err = fathom(capsys, "review", "--snooze", item["key"], "--as-of", AS_OF, "--data-dir", str(logged))
    assert code == 0, err
    code, out, err = fathom(capsys, "review", f"--{action}", item["key"], "--as-of", AS_OF, "--data-dir", str(logged))
    assert code == 0, err
    assert out == f"{said} — @ada (a snoozed item)\n"
    after_the_snooze = review_json(capsys, logged, "--as-of", "2099-01-01")  # the last --as-of wins
    assert item["key"] not in [i["key"] for i in after_the_snooze]


def test_an_unknown_key_is_an_error_and_changes_nothing(capsys, logged: Path) -> None:
    code, _, err = fathom(
        capsys, "review", "--done", "you_owe_reply:i_nope", "--as-of", AS_OF, "--data-dir", str(logged)
    )
    assert code != 0 and "No review item has the key 'you_owe_reply:i_nope'" in err
    assert len(review_json(capsys, logged)) == 2


def test_two_actions_at_once_is_a_usage_error(capsys, logged: Path) -> None:
    code, _, err = fathom(capsys, "review", "--done", "a:b", "--dismiss", "c:d", "--data-dir", str(logged))
    assert code == 2 and "one of --done, --snooze or --dismiss" in err


def test_an_unreadable_as_of_date_says_what_it_wants(capsys, logged: Path) -> None:
    code, _, err = fathom(capsys, "review", "--as-of", "last tuesday", "--data-dir", str(logged))
    assert code != 0
    assert "fathom: --as-of must be an ISO 8601 date or datetime, like 2024-03-01" in err
