"""fathom person: tags and how we met, also for someone not yet in Fathom (issue 17, case 8)."""

from __future__ import annotations

import json
from pathlib import Path

from agent.cli.main import main


def fathom(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_tags_can_be_set_before_anything_is_logged(capsys, data_dir: Path) -> None:
    d = ("--data-dir", str(data_dir))
    code, out, _ = fathom(capsys, "person", "--linkedin", "roommate", "--tags", "close", *d)
    assert (code, out) == (0, "roommate: tags close; how we met: -\n")
    shown = json.loads(fathom(capsys, "show", "--linkedin", "roommate", "--json", *d)[1])
    assert shown["person"]["tags"] == ["close"] and shown["depth"]["stage"] == "engaged"


def test_showing_someone_not_in_fathom_still_says_so(capsys, data_dir: Path) -> None:
    code, _, err = fathom(capsys, "person", "--x", "nobody", "--data-dir", str(data_dir))
    assert code != 0 and "not in Fathom yet" in err
