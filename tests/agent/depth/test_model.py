"""The public entry point: its JSON shape and how it treats its arguments."""

from __future__ import annotations

import inspect
from types import MappingProxyType

from agent.depth import STAGES, assess
from agent.records import FollowUp


def test_assessment_json_has_the_protocol_shape(history):
    history.met(3 * 365.25)
    history.dm("me", 10, ask=True, follow_up=FollowUp("send deck", None))
    body = history.assess(intent="ask").to_json()
    assert set(body) == {"depth", "open_loops", "warnings"}
    assert set(body["depth"]) == {"score", "stage", "peak_stage", "flags", "components", "reasons"}
    assert body["depth"]["flags"] == ["dormant"] and isinstance(body["depth"]["reasons"], list)
    assert set(body["depth"]["components"]) == {
        "history",
        "warmth",
        "duration",
        "reciprocity",
        "mutual_help",
        "multiplexity",
    }
    assert {loop["type"] for loop in body["open_loops"]} == {"promised_follow_up", "waiting_on_them"}
    assert set(body["open_loops"][0]) == {"type", "key", "text", "since", "due", "overdue", "interaction"}
    assert all(set(w) == {"id", "text"} for w in body["warnings"]) and body["warnings"]


def test_a_naive_now_is_taken_as_utc(history):
    history.met(30)
    naive = assess(history.items, now=history.now.replace(tzinfo=None))
    assert naive == history.assess()


def test_loop_state_defaults_to_an_immutable_empty_mapping():
    default = inspect.signature(assess).parameters["loop_state"].default
    assert isinstance(default, MappingProxyType) and not default


def test_stages_run_from_stranger_to_trusted():
    assert STAGES == ("stranger", "aware", "acquainted", "engaged", "trusted")


def test_components_are_read_only(history):
    history.met(3)
    components = history.assess().depth.components
    assert isinstance(components, MappingProxyType)
