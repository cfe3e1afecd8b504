"""The review's outlook is the assessment's open loops, flags, peak stage and reasons, computed with less."""

from __future__ import annotations

import json
from typing import Any

import pytest

from agent.depth import outlook

from .test_equivalence import CASES, GOLDEN, case


def _assessed() -> list[tuple[int, dict[str, Any]]]:
    """The golden cases with an assessment: the others ask for an unknown intent, which the outlook never takes."""
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return [(seed, golden[seed]["assessment"]) for seed in range(CASES) if "assessment" in golden[seed]]


@pytest.mark.parametrize(("seed", "expected"), _assessed())
def test_the_outlook_has_the_golden_assessments_loops_flags_peak_stage_and_reasons(
    seed: int, expected: dict[str, Any]
) -> None:
    inputs = case(seed)
    look = outlook(
        inputs["interactions"],
        now=inputs["now"],
        networks=inputs["networks"],
        tags=inputs["tags"],
        loop_state=inputs["loop_state"],
    )
    assert [loop.to_json() for loop in look.open_loops] == expected["open_loops"]
    assert list(look.flags) == expected["depth"]["flags"]
    assert look.peak_stage == expected["depth"]["peak_stage"]
    assert list(look.reasons()) == expected["depth"]["reasons"]
