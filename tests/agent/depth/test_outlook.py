"""The review's outlook is the assessment's open loops, flags, peak stage and reasons, computed with less."""

from __future__ import annotations

import json
from typing import Any

import pytest

from agent.depth import outlook

from .test_equivalence import CASES, GOLDEN, case


@pytest.fixture(scope="module")
def golden() -> list[dict[str, Any]]:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", range(CASES))
def test_the_outlook_has_the_golden_assessments_loops_flags_peak_stage_and_reasons(golden, seed):
    expected = golden[seed].get("assessment")
    if expected is None:
        pytest.skip("the golden case is an unknown intent, which the outlook does not take")
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
