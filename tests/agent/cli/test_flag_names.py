"""The agent's messages name its fields; the CLI says the flag its user typed instead."""

from __future__ import annotations

from agent.cli.flag_names import in_flag_words


def test_a_message_about_a_field_names_its_flag() -> None:
    assert in_flag_words("how_met is too long (5000 characters; at most 1000)") == (
        "--how-met is too long (5000 characters; at most 1000)"
    )


def test_a_message_about_no_field_of_the_cli_is_kept_as_the_agent_said_it() -> None:
    assert in_flag_words("No person with id 'p_1'.") == "No person with id 'p_1'."
    assert in_flag_words("limit must be a whole number") == "limit must be a whole number"


def test_a_caller_that_knows_the_flag_names_it() -> None:
    assert in_flag_words("at must be an ISO 8601 date", "--due") == "--due must be an ISO 8601 date"
