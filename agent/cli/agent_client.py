"""The CLI's client for a running agent: the mutual handshake of docs/protocol.md as the local admin, then
JSON POSTs with the session token. It verifies the agent before sending anything."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from websockets.exceptions import InvalidStatus, WebSocketException
from websockets.sync.client import ClientConnection, connect

from agent.cli.errors import CliError
from agent.handshake import ADMIN_CLIENT, agent_mac, b64, client_mac, macs_equal, new_nonce, unb64

TIMEOUT = 30.0


class AgentClient:
    def __init__(self, port: int, admin_secret: bytes) -> None:
        self.port = port
        self._secret = admin_secret
        self._token: str | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def health(self) -> dict[str, Any] | None:
        try:
            with urllib.request.urlopen(f"{self.base}/v1/health", timeout=2) as resp:
                data = json.loads(resp.read())
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) and data.get("name") == "fathom" else None

    def authenticate(self) -> None:
        with self.events():
            pass

    @contextmanager
    def events(self) -> Iterator[ClientConnection]:
        """An authenticated socket, the agent verified by its MAC before anything is sent; closed on exit."""
        try:
            with connect(f"ws://127.0.0.1:{self.port}/v1/events", open_timeout=5, close_timeout=1) as ws:
                self._handshake(ws)
                yield ws
        except (InvalidStatus, WebSocketException, OSError, TimeoutError) as exc:
            raise CliError(f"Lost the connection to the agent on port {self.port} ({exc}).") from None

    def _handshake(self, ws: ClientConnection) -> None:
        try:
            hello = json.loads(ws.recv(timeout=5))
            agent_nonce = unb64(hello["agent_nonce"])
            client_nonce = new_nonce()
            mac = client_mac(self._secret, agent_nonce, client_nonce, self.port, "")
            auth = {"type": "auth", "client_id": ADMIN_CLIENT, "client_nonce": b64(client_nonce), "mac": b64(mac)}
            ws.send(json.dumps(auth))
            welcome = json.loads(ws.recv(timeout=5))
            verified = welcome.get("type") == "welcome" and macs_equal(
                unb64(welcome.get("mac", "")), agent_mac(self._secret, agent_nonce, client_nonce, self.port)
            )
        except (WebSocketException, OSError, ValueError, KeyError, TypeError, TimeoutError) as exc:
            raise CliError(
                f"Could not authenticate with the agent on port {self.port} ({exc}). "
                "Is it this data dir's agent? `fathom status` tells."
            ) from None
        if not verified:
            raise CliError(f"The program on port {self.port} is not this data dir's Fathom agent; nothing was sent.")
        self._token = welcome["session_token"]

    def call(self, route: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        if self._token is None:
            self.authenticate()
        request = urllib.request.Request(
            f"{self.base}{route}",
            data=json.dumps(body or {}).encode("utf-8"),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self._token}"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as resp:
                return json.loads(resp.read())
        except urllib.error.HTTPError as exc:
            try:
                error = json.loads(exc.read())["error"]
            except (ValueError, KeyError, TypeError):
                raise CliError(f"The agent answered {exc.code} to {route}.") from None
            raise AgentError(exc.code, error.get("code", ""), error.get("message", "")) from None
        except OSError as exc:
            raise CliError(f"Lost the agent on port {self.port} ({exc}). Is it still running?") from None


class AgentError(CliError):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message, exit_code=3 if code == "not_a_profile" else 1)
        self.status = status
        self.code = code
