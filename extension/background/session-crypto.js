// The HMAC side of the session handshake (docs/protocol.md, "Session authentication"). Pure WebCrypto:
// no network. The pairing secret K becomes a non-extractable CryptoKey, so no extension code can read
// it back out once imported.

const encoder = new TextEncoder();

export function b64urlEncode(bytes) {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

// Throws TypeError for anything that is not base64url text.
export function b64urlDecode(text) {
  if (typeof text !== "string" || !/^[A-Za-z0-9_-]*$/.test(text)) throw new TypeError("not base64url text");
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

export function randomNonce() {
  return crypto.getRandomValues(new Uint8Array(32));
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export async function importPairingKey(secretB64url) {
  const raw = b64urlDecode(secretB64url);
  if (raw.length !== 32) throw new TypeError(`the pairing secret must be 32 bytes, got ${raw.length}`);
  return crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

// The agent's port as the client dialled it, two bytes big-endian: a relay on another port that forwards
// to the agent cannot pass this client's proof on.
export function portBytes(port) {
  const n = Number(port);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new TypeError(`not a TCP port: ${port}`);
  return new Uint8Array([n >> 8, n & 0xff]);
}

// mac_c = HMAC-SHA256(K, "c2a" ‖ agent_nonce ‖ client_nonce ‖ port ‖ origin)
export async function clientMac(key, agentNonce, clientNonce, port, origin) {
  const data = concat(encoder.encode("c2a"), agentNonce, clientNonce, portBytes(port), encoder.encode(origin));
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, data));
}

// Checks mac_a = HMAC-SHA256(K, "a2c" ‖ agent_nonce ‖ client_nonce ‖ port); verify() compares in constant time.
export async function agentMacIsValid(key, macB64url, agentNonce, clientNonce, port) {
  let mac;
  try {
    mac = b64urlDecode(macB64url);
  } catch {
    return false;
  }
  const data = concat(encoder.encode("a2c"), agentNonce, clientNonce, portBytes(port));
  return crypto.subtle.verify("HMAC", key, mac, data);
}
