"""A small WebDriver BiDi client over the `websockets` package, enough to drive Firefox in tests."""

from __future__ import annotations

import contextlib
import itertools
import json
import queue
import threading
import time
from collections.abc import Callable
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

Handler = Callable[[dict[str, Any]], None]
COMMAND_TIMEOUT_S = 30


class BidiError(RuntimeError):
    pass


class BidiClient:
    """Commands are answered by id; events go to a registered handler (run on a worker thread, so it may
    send commands) or, without one, to a queue that wait_event reads."""

    def __init__(self, url: str) -> None:
        self._stack = contextlib.ExitStack()  # websockets wants its connection used as a context manager
        self._ws = self._stack.enter_context(connect(url, max_size=None, open_timeout=COMMAND_TIMEOUT_S))
        self._ids = itertools.count(1)
        self._pending: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._handlers: dict[str, Handler] = {}
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                raw = self._ws.recv()
            except ConnectionClosed:
                return
            message = json.loads(raw)
            if "id" in message:
                waiter = self._pending.pop(message["id"], None)
                if waiter is not None:
                    waiter.put(message)
                continue
            handler = self._handlers.get(message.get("method", ""))
            if handler is not None:
                threading.Thread(target=handler, args=(message["params"],), daemon=True).start()
            else:
                self.events.put(message)

    def on(self, method: str, handler: Handler) -> None:
        self._handlers[method] = handler

    def send(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        command_id = next(self._ids)
        waiter: queue.Queue[dict[str, Any]] = queue.Queue()
        self._pending[command_id] = waiter
        self._ws.send(json.dumps({"id": command_id, "method": method, "params": params}))
        try:
            answer = waiter.get(timeout=COMMAND_TIMEOUT_S)
        except queue.Empty:
            raise BidiError(f"{method} got no answer within {COMMAND_TIMEOUT_S} s") from None
        if answer.get("type") == "error":
            raise BidiError(f"{method} failed: {answer.get('error')}: {answer.get('message')}")
        return dict(answer["result"])

    def wait_event(self, timeout_s: float) -> dict[str, Any] | None:
        """The next queued event, or None when none arrives within timeout_s."""
        try:
            return self.events.get(timeout=max(0.0, timeout_s))
        except queue.Empty:
            return None

    def evaluate(self, context: str, expression: str, *, await_promise: bool = True) -> Any:
        """Evaluates in a browsing context; returns the value (primitives) or raises with the page's error."""
        result = self.send(
            "script.evaluate",
            {"expression": expression, "target": {"context": context}, "awaitPromise": await_promise},
        )
        if result["type"] == "exception":
            details = result["exceptionDetails"]
            raise BidiError(f"script error: {details.get('text')}")
        return result["result"].get("value")

    def close(self) -> None:
        self._stack.close()
        self._reader.join(timeout=5)


def deadline_after(seconds: float) -> Callable[[], float]:
    end = time.monotonic() + seconds
    return lambda: end - time.monotonic()
