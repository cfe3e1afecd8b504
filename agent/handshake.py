"""The mutual HMAC handshake of docs/protocol.md, as pure functions shared by the agent and the CLI client."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

NONCE_BYTES = 32
SECRET_BYTES = 32
ADMIN_CLIENT = "admin"


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64(text: str) -> bytes:
    """Decode base64url (padding optional); ValueError on anything else."""
    if not isinstance(text, str) or len(text) > 200:
        raise ValueError("not base64url")
    padded = text + "=" * (-len(text) % 4)
    return base64.urlsafe_b64decode(padded.encode("ascii"))


def new_nonce() -> bytes:
    return secrets.token_bytes(NONCE_BYTES)


def new_secret() -> bytes:
    return secrets.token_bytes(SECRET_BYTES)


def client_mac(key: bytes, agent_nonce: bytes, client_nonce: bytes, port: int, origin: str) -> bytes:
    """mac_c of docs/protocol.md. ``port`` is the agent's port as the client dialled it: a relay on another
    port that forwards to the agent cannot pass the client's proof on."""
    data = b"c2a" + agent_nonce + client_nonce + port_bytes(port) + origin.encode("utf-8")
    return hmac.new(key, data, hashlib.sha256).digest()


def agent_mac(key: bytes, agent_nonce: bytes, client_nonce: bytes, port: int) -> bytes:
    """mac_a of docs/protocol.md, bound to the same port and nonce pair as mac_c."""
    return hmac.new(key, b"a2c" + agent_nonce + client_nonce + port_bytes(port), hashlib.sha256).digest()


def port_bytes(port: int) -> bytes:
    """The port as two bytes, big-endian (fixed width, so the origin that follows cannot be confused with it)."""
    return port.to_bytes(2, "big")


def macs_equal(a: bytes, b: bytes) -> bool:
    return hmac.compare_digest(a, b)
