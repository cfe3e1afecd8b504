"""The popup's review order (extension/popup/review-list.js), in a blank page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def test_overdue_items_come_first_and_each_group_keeps_the_agents_order(overlay_page: Page) -> None:
    items = [
        {"key": "a", "overdue": False},
        {"key": "b", "overdue": True},
        {"key": "c"},
        {"key": "d", "overdue": True},
        None,
        {"key": "e", "overdue": "yes"},  # only a real true counts
    ]
    ordered = overlay_page.evaluate(
        """async (items) => {
            const { overdueFirst } = await import("/popup/review-list.js");
            return overdueFirst(items).map((i) => i.key);
        }""",
        items,
    )
    assert ordered == ["b", "d", "a", "c", "e"]
