"""What the CLI says about someone who is not in Fathom: plainly so, with the people a typo probably meant."""

from __future__ import annotations

from typing import Any

from agent.cli.backend import Backend
from agent.cli.errors import CliError

NOT_FOUND_EXIT = 3  # as `fathom parse` for a page that is not a profile: what was named is not there

NETWORK_LABELS = {"linkedin": "LinkedIn", "x": "X"}


def identity_words(network: str, handle: str | None) -> str:
    """``LinkedIn ada-l`` / ``X @ada``: the identity as the user typed it."""
    return f"LinkedIn {handle}" if network == "linkedin" else f"X @{handle}"


def close_matches(backend: Backend, network: str, handle: str) -> list[dict[str, Any]]:
    """People whose handle or name is close to ``handle`` (empty when an older agent cannot say)."""
    try:
        return list(backend.call("/v1/admin/similar", {"network": network, "handle": handle})["people"])
    except CliError:  # an agent from before this route: the answer is still right, only without suggestions
        return []


def did_you_mean(matches: list[dict[str, Any]]) -> list[str]:
    """One line per match, with the command that shows them; someone known only by name has none to give."""
    lines = []
    for match in matches:
        network, handle = match["network"], match["handle"]
        if not handle:
            lines.append(f"  {match['name']}: known only by name (imported without a profile address)")
            continue
        flag = f"--linkedin {handle}" if network == "linkedin" else f"--x {handle}"
        lines.append(f"  {match['name'] or identity_words(network, handle)}: fathom show {flag}")
    return ["Did you mean:", *lines] if lines else []
