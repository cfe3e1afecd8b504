"""The one table of kinds (agent/kinds.py), as the agent serves it to clients."""

from __future__ import annotations

from agent.kinds import KIND_BY_ID, KINDS, kinds_table


def test_the_served_table_names_every_field_the_extension_reads() -> None:
    for row in kinds_table():
        assert set(row) == {
            "id", "label", "weight", "class", "can_ask", "composed", "quick_log", "default_direction", "networks",
        }  # fmt: skip


def test_linkedins_own_kinds_say_so_and_the_rest_exist_everywhere() -> None:
    only_linkedin = {k.id for k in KINDS if k.networks == ("linkedin",)}
    assert only_linkedin == {"connection_request", "connection_accepted", "endorsement"}
    assert all(k.networks in ((), ("linkedin",)) for k in KINDS)
    assert KIND_BY_ID["dm"].to_json()["networks"] == []  # a message is a message on either site
