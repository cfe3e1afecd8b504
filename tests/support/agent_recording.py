"""Real agent answers for the extension's tests, recorded from a real agent (`scripts/record-fixtures`).

One scenario, always the same: a fresh agent is asked about Eduardo Alvarez Nowak's real LinkedIn page
before and after a short history is logged and his X account is linked, and about Kiko Beats's real X page.
Each answer is kept as the overlay receives it, with only what changes from run to run made stable: the
random person and interaction ids are numbered in order of appearance and the wall-clock stamps of
`created`/`updated` are one fixed time. A test re-records and compares, so a change to what the agent answers
fails until the fixtures are recorded again (and the overlay's tests then run against the new answers).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from agent.cli.agent_client import AgentError
from tests.fixtures import REAL_FIXTURES
from tests.support.agent_process import AgentProcess, free_port

RECORDED = Path(__file__).resolve().parents[1] / "fixtures" / "agent"
AS_OF = "2025-03-04"  # every view is asked as of this day, so stages, reasons and loops do not move with the clock
FIXED_STAMP = "2025-03-04T12:00:00+00:00"

EDUARDO_URL = "https://www.linkedin.com/in/eduardo-alvarez-nowak/"
EDUARDO_PAGE = "linkedin_profile_eduardo-alvarez-nowak_2024-07_loggedin_nonself_body.html"
EDUARDO_X = "eduardoalvnowak"  # an X handle of our choosing, linked to him by the scenario
KIKO_URL = "https://x.com/Kikobeats"
KIKO_PAGE = "x_profile_kikobeats_2025-12_rendered.html"
MISSING_URL = "https://www.linkedin.com/in/no-such-member/"
MISSING_PAGE = "linkedin_profile_not_found_2024-06_guest.html"

_ID = re.compile(r"\b[pi]_[0-9a-f]{16}\b")
_STAMPED = ("created", "updated")

Call = Callable[[str, dict[str, Any]], dict[str, Any]]


def _page(name: str) -> str:
    return (REAL_FIXTURES / name).read_text("utf-8")


def _error(call: Call, route: str, body: dict[str, Any]) -> dict[str, Any]:
    """The error envelope the agent answers `body` with (it must refuse it)."""
    try:
        answer = call(route, body)
    except AgentError as exc:
        return {"status": exc.status, "error": {"code": exc.code, "message": str(exc)}}
    raise AssertionError(f"{route} was expected to refuse the request and answered {answer!r}")


def scenario(call: Call) -> dict[str, dict[str, Any]]:
    """Every recorded answer by fixture name, from `call(route, body)` against a fresh agent."""
    answers: dict[str, dict[str, Any]] = {}
    answers["kinds"] = call("/v1/kinds", {})
    lookup = {"network": "linkedin", "handle": "eduardo-alvarez-nowak", "as_of": AS_OF}
    answers["lookup_unknown_linkedin"] = call("/v1/people/lookup", lookup)
    answers["lookup_unknown_linkedin_connect"] = call("/v1/people/lookup", {**lookup, "intent": "connect"})
    context = {"url": EDUARDO_URL, "html": _page(EDUARDO_PAGE), "as_of": AS_OF}
    answers["context_linkedin_first_visit"] = call("/v1/context", context)
    person_id = answers["context_linkedin_first_visit"]["person"]["id"]
    for log in (
        {"kind": "dm", "direction": "me", "at": "2024-01-05", "note": "old note"},
        {"kind": "like", "direction": "me", "at": "2025-02-20", "network": "x", "handle": EDUARDO_X},
        {
            "kind": "in_person",
            "direction": "both",
            "at": "2025-03-01T09:30:00+00:00",
            "note": "coffee",
            "follow_up": {"text": "Send the deck", "due": "2025-03-07"},
        },
    ):
        call("/v1/interactions", log if "handle" in log else {"person_id": person_id, **log})
    linked = call("/v1/people/link", {"linkedin": "eduardo-alvarez-nowak", "x": EDUARDO_X})["person"]["id"]
    call("/v1/people/update", {"person_id": linked, "tags": ["colleague"], "how_met": "PyCon 2024"})
    answers["context_linkedin_with_history"] = call("/v1/context", context)
    answers["lookup_linkedin_with_history"] = call("/v1/people/lookup", lookup)
    answers["context_x_first_visit"] = call("/v1/context", {"url": KIKO_URL, "html": _page(KIKO_PAGE), "as_of": AS_OF})
    missing = {"url": MISSING_URL, "html": _page(MISSING_PAGE), "as_of": AS_OF}
    answers["context_not_a_profile"] = _error(call, "/v1/context", missing)
    return {name: stable(answer) for name, answer in answers.items()}


def stable(answer: dict[str, Any]) -> dict[str, Any]:
    """`answer` with its random ids numbered in order of appearance and its wall-clock stamps fixed."""
    text = json.dumps(answer, ensure_ascii=False)
    numbers: dict[str, str] = {}

    def number(match: re.Match[str]) -> str:
        found = match.group(0)
        if found not in numbers:
            numbers[found] = f"{found[0]}_{sum(1 for k in numbers if k[0] == found[0]) + 1}"
        return numbers[found]

    return _fix_stamps(json.loads(_ID.sub(number, text)))


def _fix_stamps(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: FIXED_STAMP if k in _STAMPED and v is not None else _fix_stamps(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_fix_stamps(v) for v in value]
    return value


def record_from_a_real_agent(data_dir: Path) -> dict[str, dict[str, Any]]:
    """Run the scenario against a real agent (`fathom serve`) on an empty `data_dir`."""
    agent = AgentProcess(data_dir, free_port())
    agent.start()
    try:
        return scenario(agent.admin().call)
    finally:
        agent.stop()


def fixture_text(answer: dict[str, Any]) -> str:
    return json.dumps(answer, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_fixtures(answers: dict[str, dict[str, Any]], folder: Path = RECORDED) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.json"):
        if stale.stem not in answers:
            stale.unlink()
    written = []
    for name, answer in answers.items():
        path = folder / f"{name}.json"
        path.write_text(fixture_text(answer), "utf-8")
        written.append(path)
    return written


def recorded(name: str) -> dict[str, Any]:
    """One recorded answer, by fixture name (a fresh copy each time: tests change their copy freely)."""
    path = RECORDED / f"{name}.json"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: run scripts/record-fixtures")
    return dict(json.loads(path.read_text("utf-8")))
