"""The agent answers the overlay's tests use (tests/fixtures/agent) are what a real agent answers today."""

from __future__ import annotations

from pathlib import Path

from tests.support.agent_recording import RECORDED, fixture_text, record_from_a_real_agent, stable


def test_the_recorded_answers_are_what_a_real_agent_answers_today(tmp_path: Path) -> None:
    answers = record_from_a_real_agent(tmp_path / "data")
    assert sorted(path.stem for path in RECORDED.glob("*.json")) == sorted(answers), "run scripts/record-fixtures"
    drifted = [
        name
        for name, answer in answers.items()
        if (RECORDED / f"{name}.json").read_text("utf-8") != fixture_text(answer)
    ]
    assert drifted == [], f"the agent now answers differently for {drifted}: run scripts/record-fixtures"


def test_only_the_random_ids_and_the_clock_are_made_stable() -> None:
    answer = {
        "person": {"id": "p_0123456789abcdef", "created": "2026-12-07T23:25:51+00:00", "name": "p_ada"},
        "interactions": [{"id": "i_fedcba9876543210", "person": "p_0123456789abcdef", "at": "2025-03-01"}],
        "merged_from": ["p_aaaaaaaaaaaaaaaa"],
        "open_loops": [{"key": "promised_follow_up:i_fedcba9876543210", "since": "2025-03-01"}],
    }
    assert stable(answer) == {
        "person": {"id": "p_1", "created": "2025-03-04T12:00:00+00:00", "name": "p_ada"},
        "interactions": [{"id": "i_1", "person": "p_1", "at": "2025-03-01"}],
        "merged_from": ["p_2"],
        "open_loops": [{"key": "promised_follow_up:i_1", "since": "2025-03-01"}],
    }
