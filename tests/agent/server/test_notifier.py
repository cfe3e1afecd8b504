"""The agent's weekly notification: off by default, sent once when on and something needs the user."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from agent import notify
from agent.server.notifier import check_once

from .conftest import Harness, Paired


async def test_weekly_notification_is_off_until_turned_on_then_sent_once(
    agent: Harness, paired: Paired, monkeypatch
) -> None:
    nine_days_ago = (datetime.now(UTC) - timedelta(days=9)).isoformat(timespec="seconds")
    sent: list[tuple[str, str]] = []
    monkeypatch.setattr(notify, "send", lambda title, body: sent.append((title, body)) or True)
    await agent.call(
        paired,
        "/v1/interactions",
        {"network": "x", "handle": "ada", "kind": "dm", "direction": "them", "at": nine_days_ago},
        expect=201,
    )
    assert await check_once(agent.client.app) is False  # off by default
    assert (await agent.call(paired, "/v1/settings/notifications", {"weekly": True}))["weekly"] is True
    assert await check_once(agent.client.app) is True
    assert await check_once(agent.client.app) is False  # never more than once a week
    assert len(sent) == 1 and "needs you" in sent[0][0] and sent[0][1].startswith("@ada:")
    assert (await agent.call(paired, "/v1/settings/notifications", {}))["last_sent"]
