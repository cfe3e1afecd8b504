"""The extension's handshake MACs (session-crypto.js) are byte for byte those of the agent and the CLI
(agent/handshake.py): both are bound to the agent's port and the nonce pair."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from agent.handshake import agent_mac, b64, client_mac

REPO = Path(__file__).resolve().parents[2]
KEY = bytes(range(32))
AGENT_NONCE = bytes(range(100, 132))
CLIENT_NONCE = bytes(range(200, 232))
ORIGIN = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"

SCRIPT = """
import { clientMac, agentMacIsValid, importPairingKey, b64urlDecode, b64urlEncode }
  from "%(module)s";
const input = JSON.parse(process.argv[1]);
const key = await importPairingKey(input.key);
const an = b64urlDecode(input.agent_nonce), cn = b64urlDecode(input.client_nonce);
const out = {};
for (const port of input.ports) {
  out[port] = {
    client: b64urlEncode(await clientMac(key, an, cn, port, input.origin)),
    agent_valid: await agentMacIsValid(key, input.agent_mac, an, cn, port),
  };
}
console.log(JSON.stringify(out));
"""


def run_extension_crypto(ports: list[int], expected_agent_mac: bytes) -> dict[str, dict]:
    if shutil.which("node") is None:
        pytest.fail("node is needed to run the extension's crypto outside the browser")
    module = (REPO / "extension" / "background" / "session-crypto.js").as_uri()
    payload = {
        "key": b64(KEY),
        "agent_nonce": b64(AGENT_NONCE),
        "client_nonce": b64(CLIENT_NONCE),
        "origin": ORIGIN,
        "ports": ports,
        "agent_mac": b64(expected_agent_mac),
    }
    result = subprocess.run(
        ["node", "--input-type=module", "-e", SCRIPT % {"module": module}, json.dumps(payload)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_extension_computes_the_agents_client_mac_for_the_dialled_port() -> None:
    answer = run_extension_crypto([47821, 47822], agent_mac(KEY, AGENT_NONCE, CLIENT_NONCE, 47821))
    assert answer["47821"]["client"] == b64(client_mac(KEY, AGENT_NONCE, CLIENT_NONCE, 47821, ORIGIN))
    assert answer["47822"]["client"] == b64(client_mac(KEY, AGENT_NONCE, CLIENT_NONCE, 47822, ORIGIN))
    assert answer["47821"]["client"] != answer["47822"]["client"]


def test_the_extension_accepts_the_agents_proof_only_for_the_port_it_dialled() -> None:
    answer = run_extension_crypto([47821, 47822], agent_mac(KEY, AGENT_NONCE, CLIENT_NONCE, 47821))
    assert answer["47821"]["agent_valid"] is True
    assert answer["47822"]["agent_valid"] is False
