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


def client_mac(key: bytes, agent_nonce: bytes, client_nonce: bytes, origin: str) -> bytes:
    return hmac.new(key, b"c2a" + agent_nonce + client_nonce + origin.encode("utf-8"), hashlib.sha256).digest()


def agent_mac(key: bytes, agent_nonce: bytes, client_nonce: bytes) -> bytes:
    return hmac.new(key, b"a2c" + agent_nonce + client_nonce, hashlib.sha256).digest()


def macs_equal(a: bytes, b: bytes) -> bool:
    return hmac.compare_digest(a, b)
