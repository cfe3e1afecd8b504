"""Profile pages are parsed a few at a time: the rest wait their turn or, past that, get a clear 503 at
once; meanwhile every other request is answered."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from agent.server.app import create_app
from agent.server.errors import ApiError
from agent.server.keys import PARSE_SLOTS, SETTINGS
from agent.server.parse_slots import ParseSlots
from agent.settings import AgentSettings
from agent.sites import NotAProfile, ProfilePage, parse_page
from agent.store.store import Store

from .conftest import Harness, assert_error

URL = "https://x.com/ada"
PAGE = "<html><head><title>Ada (@ada) / X</title></head><body></body></html>"
WAIT_S = 20  # only a bound for a broken build; every wait below ends on a condition


async def until(condition: Callable[[], bool]) -> None:
    async with asyncio.timeout(WAIT_S):
        while not condition():
            await asyncio.sleep(0.01)


class HeldParser:
    """parse_page that holds each thread until released, counting how many run at once."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.started = threading.Semaphore(0)
        self.running = 0
        self.most = 0
        self._lock = threading.Lock()

    def __call__(self, url: str, html: str) -> ProfilePage | NotAProfile:
        with self._lock:
            self.running += 1
            self.most = max(self.most, self.running)
        self.started.release()
        self.release.wait(WAIT_S)
        with self._lock:
            self.running -= 1
        return parse_page(url, html)

    async def wait_started(self, count: int) -> None:
        for _ in range(count):
            assert await asyncio.to_thread(self.started.acquire, True, WAIT_S)


WAITING = 3  # pages of PAGE's size that fit in the test agent's queue


@pytest.fixture
async def small_queue(data_dir: Path, aiohttp_client, unused_tcp_port: int) -> AsyncIterator[Harness]:
    """The agent of conftest.py, with room for only WAITING pages to wait for a parse."""
    store = Store.open(data_dir)
    settings = AgentSettings(data_dir=data_dir, port=unused_tcp_port, parse_queue_chars=WAITING * len(PAGE))
    client = await aiohttp_client(create_app(settings, store), server_kwargs={"port": unused_tcp_port})
    yield Harness(client, store, unused_tcp_port, data_dir)
    await client.close()
    store.close()


async def test_past_the_waiting_room_a_page_gets_503_busy_and_lookups_still_answer(
    small_queue: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    agent = small_queue
    paired = await agent.pair()
    held = HeldParser()
    monkeypatch.setattr("agent.server.handlers.context.parse_page", held)
    running = agent.client.app[SETTINGS].parses_running
    body = {"url": URL, "html": PAGE}
    pending = [asyncio.create_task(agent.call(paired, "/v1/context", body, expect=None)) for _ in range(running)]
    await held.wait_started(running)
    pending += [asyncio.create_task(agent.call(paired, "/v1/context", body, expect=None)) for _ in range(WAITING)]
    await until(lambda: agent.client.app[PARSE_SLOTS].waiting == WAITING)
    extra = await asyncio.wait_for(agent.call(paired, "/v1/context", body, expect=503), WAIT_S)
    assert_error(extra, "busy")
    lookup = await asyncio.wait_for(agent.call(paired, "/v1/people/lookup", {"network": "x", "handle": "bob"}), WAIT_S)
    assert lookup["ok"] is True
    held.release.set()
    answers = await asyncio.wait_for(asyncio.gather(*pending), WAIT_S)
    assert all(answer["ok"] for answer in answers)
    assert held.most == running


async def test_a_slot_is_held_until_the_parse_ends_even_if_the_request_gives_up() -> None:
    slots = ParseSlots(running=1, queue_chars=0)
    held = HeldParser()
    first = asyncio.create_task(slots.run(held, URL, PAGE))
    await held.wait_started(1)
    first.cancel()
    with pytest.raises(asyncio.CancelledError):
        await first
    with pytest.raises(ApiError) as info:  # the abandoned parse still runs, so its slot is still taken
        await slots.run(held, URL, PAGE)
    assert info.value.status == 503 and info.value.code == "busy"
    held.release.set()
    await until(lambda: not slots.full)
    result = await asyncio.wait_for(slots.run(held, URL, PAGE), WAIT_S)
    assert result is not None
