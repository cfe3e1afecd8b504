"""Raw HTTP against the agent with exactly the headers a browser would send, so a test can see what the
agent itself answers when the browser's own defences (CORS, Local Network Access, ORB) are out of the way."""

from __future__ import annotations

import http.client
from dataclasses import dataclass

TIMEOUT_S = 10


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes

    def cors_headers(self) -> list[str]:
        return [name for name in self.headers if name.startswith("access-control-")]


def send(port: int, method: str, path: str, headers: dict[str, str], body: bytes = b"") -> Answer:
    """One request to 127.0.0.1:port. `headers` replace the client's defaults (Host included)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_S)
    try:
        connection.putrequest(method, path, skip_host="host" in {h.lower() for h in headers}, skip_accept_encoding=True)
        for name, value in headers.items():
            connection.putheader(name, value)
        if body or method == "POST":
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body or None)
        response = connection.getresponse()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        connection.close()


def websocket_upgrade_headers(origin: str | None) -> dict[str, str]:
    """The handshake headers of `new WebSocket(...)`, with the page's Origin (None: no Origin at all)."""
    headers = {
        "Upgrade": "websocket",
        "Connection": "Upgrade",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Version": "13",
    }
    if origin is not None:
        headers["Origin"] = origin
    return headers
