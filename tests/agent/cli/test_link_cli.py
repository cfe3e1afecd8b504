"""fathom link / unlink without an agent: one person across LinkedIn and X, and back, with plain messages."""

from __future__ import annotations

import json
from pathlib import Path

from agent.cli.main import main


def fathom(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_link_then_unlink(capsys, data_dir: Path) -> None:
    d = ("--data-dir", str(data_dir))
    for who in (("--linkedin", "ada-l"), ("--x", "adal")):
        assert fathom(capsys, "log", *who, "--kind", "in_person", "--at", "2026-11-01", *d)[0] == 0
    code, out, _ = fathom(capsys, "link", "--linkedin", "https://www.linkedin.com/in/ada-l/", "--x", "@adal", *d)
    assert code == 0
    assert out == "Linked: ada-l is one person on LinkedIn and X. Undo with `fathom unlink --x @adal`.\n"
    shown = json.loads(fathom(capsys, "show", "--x", "adal", "--json", *d)[1])
    assert shown["person"]["networks"] == ["linkedin", "x"] and len(shown["interactions"]) == 2
    code, out, _ = fathom(capsys, "unlink", "--x", "@adal", *d)
    assert (code, out) == (0, "Split into 2 people; each kept the history of its own network.\n")
    assert json.loads(fathom(capsys, "show", "--x", "adal", "--json", *d)[1])["person"]["networks"] == ["x"]


def test_linking_someone_unknown_names_them(capsys, data_dir: Path) -> None:
    assert fathom(capsys, "log", "--linkedin", "ada-l", "--kind", "call", "--data-dir", str(data_dir))[0] == 0
    code, _, err = fathom(capsys, "link", "--linkedin", "ada-l", "--x", "nobody", "--data-dir", str(data_dir))
    assert code != 0 and "No one with X 'nobody' is in Fathom yet." in err


def test_show_names_who_may_be_the_same_person_and_the_command_that_links_them(capsys, data_dir: Path) -> None:
    d = ("--data-dir", str(data_dir))
    for who in (("--linkedin", "ada-lovelace"), ("--x", "countess")):
        assert fathom(capsys, "log", *who, "--kind", "like", *d)[0] == 0
    from agent.store import ops
    from agent.store.store import Store

    store = Store.open(data_dir)
    for network, handle in (("linkedin", "ada-lovelace"), ("x", "countess")):
        found = store.find(network, handle)
        assert found is not None
        store.write(lambda _s, p=found: ([ops.put_person(p.with_changes(name="Ada Lovelace"))], None))
    store.close()
    out = fathom(capsys, "show", "--x", "countess", *d)[1]
    assert "Maybe the same person:\n  ? Ada Lovelace on LinkedIn: Same name on the other network.\n" in out
    assert "    link them: fathom link --linkedin ada-lovelace --x countess\n" in out
