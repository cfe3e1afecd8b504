"""Which people a review reads: the spy the review's tests share."""

from __future__ import annotations

import pytest

from agent.store.store import Store


def rescored_names(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The people whose history the review reads (to score them or to find their horizon), as it reads them."""
    read: list[str] = []
    real = store.interactions_for

    def spy(person_id: str):
        person = store.person(person_id)
        read.append(person.name if person else person_id)
        return real(person_id)

    monkeypatch.setattr(store, "interactions_for", spy)
    return read
