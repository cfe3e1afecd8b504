// The only code that talks to the Fathom agent (docs/protocol.md). It owns the connection state the UI
// shows, the pairing, the mutual-HMAC WebSocket handshake, the session token (storage.session), the
// keep-alive ping, reconnects with backoff, push subscriptions and every data request.
import "../common/settings.js";
import "../common/i18n.js";
import { describeAgentState } from "../common/agent-states.js";
import {
  agentMacIsValid,
  b64urlDecode,
  b64urlEncode,
  clientMac,
  importPairingKey,
  randomNonce,
} from "./session-crypto.js";

const { t } = globalThis.FathomI18n;

export const API_VERSION = 1;
export const STATES = Object.freeze({
  CONNECTING: "connecting",
  AGENT_DOWN: "agent_down",
  NOT_PAIRED: "not_paired",
  INCOMPATIBLE: "incompatible",
  NOT_VERIFIED: "not_verified",
  NOT_FATHOM: "not_fathom", // something answered on the port, but not a Fathom agent
  CONNECTED: "connected",
});

const PING_MS = 20_000; // inside the 30 s idle window that would stop a Chrome service worker
const HANDSHAKE_MS = 5_000;
const HEALTH_MS = 3_000;
const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000];
const MAX_SUBSCRIBED = 500;
const SESSION_KEY = "agentSession";

export class AgentError extends Error {
  /** reason: the agent's finer cause, where it gives one (not_a_profile: not_found, unrecognised, …). */
  constructor(code, message, status = 0, reason = "") {
    super(message);
    this.name = "AgentError";
    this.code = code;
    this.status = status;
    this.reason = reason;
  }

  toJSON() {
    return { code: this.code, message: this.message, status: this.status, reason: this.reason };
  }
}

export class AgentClient {
  #keyStore;
  #settingsArea;
  #sessionArea;
  #origin;
  #browser;
  #onStatus;
  #onEvent;
  #status = { state: STATES.CONNECTING, port: null, detail: "" };
  #socket = null;
  #opening = null;
  #pingTimer = 0;
  #retryTimer = 0;
  #failures = 0;
  #people = [];
  #all = false;
  #token = null; // the session token, kept in memory too: reading storage.session on every call costs time

  /**
   * keyStore: load/save/clear of the pairing record; settingsArea: storage.local; sessionArea:
   * storage.session; origin: this extension's origin (what the browser sends as Origin); browser:
   * "chrome" | "firefox"; onStatus(status) and onEvent(frame) are called on changes and pushes.
   */
  constructor({ keyStore, settingsArea, sessionArea, origin, browser, onStatus, onEvent }) {
    this.#keyStore = keyStore;
    this.#settingsArea = settingsArea;
    this.#sessionArea = sessionArea;
    this.#origin = origin;
    this.#browser = browser;
    this.#onStatus = onStatus;
    this.#onEvent = onEvent;
  }

  get status() {
    return { ...this.#status };
  }

  /** Connects unless connected or already connecting; resolves with the resulting status. */
  connect() {
    if (this.#status.state === STATES.CONNECTED && this.#socket) return Promise.resolve(this.status);
    if (!this.#opening) {
      this.#opening = this.#open().finally(() => {
        this.#opening = null;
      });
    }
    return this.#opening;
  }

  /** Drops the current connection (if any) and connects again at once. */
  async reconnect() {
    this.#failures = 0;
    if (this.#opening) await this.#opening;
    this.#closeSocket();
    return this.connect();
  }

  async pair(portValue, codeValue) {
    const port = globalThis.FathomSettings.validPort(portValue);
    if (!port) {
      const { MIN_PORT, MAX_PORT, DEFAULTS } = globalThis.FathomSettings;
      throw new AgentError("bad_port", t("badPort", MIN_PORT, MAX_PORT, DEFAULTS.agentPort));
    }
    const code = String(codeValue ?? "").toUpperCase().replace(/[\s-]/g, "");
    if (!/^[A-Z0-9]{6,12}$/.test(code)) {
      throw new AgentError("bad_code_format", t("badCodeFormat"));
    }
    const health = await this.#health(port);
    if (health === null) {
      throw new AgentError(
        STATES.AGENT_DOWN,
        t("pairAgentDown", port),
      );
    }
    if (health.name !== "fathom") throw new AgentError(STATES.NOT_FATHOM, describeAgentState({ state: STATES.NOT_FATHOM, port }).help);
    const payload = await this.#post(port, "/v1/pair", {
      code,
      label: t("clientLabel", this.#browser === "firefox" ? "Firefox" : "Chrome"),
      browser: this.#browser,
    });
    let key;
    try {
      key = await importPairingKey(payload.secret);
    } catch {
      throw new AgentError("bad_pairing", t("pairingMalformed"));
    }
    if (typeof payload.client_id !== "string") {
      throw new AgentError("bad_pairing", t("pairingNoClient"));
    }
    await this.#keyStore.save({ client_id: payload.client_id, agent_id: payload.agent_id ?? null, key });
    await globalThis.FathomSettings.save(this.#settingsArea, { agentPort: port });
    return this.reconnect();
  }

  async isPaired() {
    return Boolean(await this.#keyStore.load());
  }

  /** Follow these people's changes over the socket (replaces the previous set). */
  subscribe(personIds) {
    this.#people = [...new Set(personIds.filter((id) => typeof id === "string"))].slice(0, MAX_SUBSCRIBED);
    this.#sendSubscriptions();
  }

  /** Follow every change (the popup and import progress want this). */
  subscribeAll(on) {
    this.#all = Boolean(on);
    this.#sendSubscriptions();
  }

  /** POST a JSON body to a data route with the session token; redoes the handshake once after a 401. */
  async call(path, body = {}, contentType = "application/json") {
    for (let attempt = 0; ; attempt += 1) {
      const status = await this.connect();
      if (status.state !== STATES.CONNECTED) throw new AgentError(status.state, status.detail || status.state);
      try {
        return await this.#post(status.port, path, body, this.#token, contentType);
      } catch (error) {
        if (error.status === 401 && attempt === 0) {
          await this.#dropSession();
          continue;
        }
        throw error;
      }
    }
  }

  // Named calls, so callers never build paths.
  context(url, html, intent) {
    return this.call("/v1/context", intent ? { url, html, intent } : { url, html });
  }

  /** The person with this identity, from the store alone: no page to parse, nothing written. */
  lookup(network, handle, intent) {
    return this.call("/v1/people/lookup", intent ? { network, handle, intent } : { network, handle });
  }

  person(personId) {
    return this.call("/v1/people/get", { person_id: personId });
  }

  logInteraction(body) {
    return this.call("/v1/interactions", body);
  }

  deleteInteraction(interactionId) {
    return this.call(`/v1/interactions/${encodeURIComponent(interactionId)}/delete`, {});
  }

  recent(limit) {
    return this.call("/v1/recent", { limit });
  }

  kinds() {
    return this.call("/v1/kinds", {});
  }

  review(limit) {
    return this.call("/v1/review", { limit });
  }

  linkPeople(keepId, otherId) {
    return this.call("/v1/people/link", { person_ids: [keepId, otherId] });
  }

  updatePerson(personId, changes) {
    return this.call("/v1/people/update", { person_id: personId, ...changes });
  }

  reviewAct(personId, key, action) {
    return this.call("/v1/review/act", { person_id: personId, key, action });
  }

  /** Uploads an export ZIP (a Blob, or a File whose name the agent shows in `import list` and its errors);
   * progress arrives as import.* push events. */
  importArchive(network, zipBlob) {
    const params = new URLSearchParams();
    if (network) params.set("network", network);
    if (typeof zipBlob?.name === "string" && zipBlob.name) params.set("name", zipBlob.name.slice(0, 200));
    const query = params.toString() ? `?${params}` : "";
    return this.call(`/v1/import${query}`, zipBlob, "application/zip");
  }

  // --- connection -------------------------------------------------------------------------------

  async #open() {
    clearTimeout(this.#retryTimer);
    const { agentPort: port } = await globalThis.FathomSettings.load(this.#settingsArea);
    // While retrying after a failure keep showing that failure, so the UI does not flicker.
    if (this.#status.port !== port || this.#status.state === STATES.CONNECTED) this.#setStatus(STATES.CONNECTING, port);
    const health = await this.#health(port);
    if (health === null) return this.#fail(STATES.AGENT_DOWN, port, "");
    if (health.name !== "fathom") return this.#fail(STATES.NOT_FATHOM, port, "");
    if (health.api !== API_VERSION) {
      const api = health && "api" in health ? String(health.api) : "unknown";
      return this.#fail(STATES.INCOMPATIBLE, port, t("incompatibleApi", port, api, API_VERSION));
    }
    const pairing = await this.#keyStore.load();
    if (!pairing) return this.#fail(STATES.NOT_PAIRED, port, "", false);
    const result = await this.#handshake(port, pairing);
    if (result.state !== STATES.CONNECTED) return this.#fail(result.state, port, result.detail, result.state !== STATES.NOT_PAIRED);
    this.#token = result.token;
    await this.#sessionArea.set({ [SESSION_KEY]: { token: result.token, port, client_id: pairing.client_id } });
    this.#socket = result.socket;
    this.#failures = 0;
    result.socket.onmessage = (event) => this.#onFrame(event.data);
    result.socket.onclose = () => this.#onSocketClosed(result.socket);
    this.#pingTimer = setInterval(() => this.#sendFrame({ type: "ping" }), PING_MS);
    this.#setStatus(STATES.CONNECTED, port);
    this.#sendSubscriptions();
    return this.status;
  }

  #fail(state, port, detail, retry = true) {
    this.#setStatus(state, port, detail);
    if (retry) {
      const delay = BACKOFF_MS[Math.min(this.#failures, BACKOFF_MS.length - 1)];
      this.#failures += 1;
      this.#retryTimer = setTimeout(() => this.connect(), delay);
    }
    return this.status;
  }

  // Resolves {state: "connected", socket, token} only after mac_a proved the peer holds K; anything
  // else resolves {state, detail} with the socket closed and nothing but the auth frame sent.
  #handshake(port, pairing) {
    const origin = this.#origin;
    return new Promise((resolve) => {
      let socket;
      try {
        socket = new WebSocket(`ws://127.0.0.1:${port}/v1/events`);
      } catch {
        resolve({ state: STATES.AGENT_DOWN, detail: "" });
        return;
      }
      let opened = false;
      let done = false;
      let agentNonce = null;
      let clientNonce = null;
      let queue = Promise.resolve();
      const timer = setTimeout(
        () => finish({ state: STATES.NOT_VERIFIED, detail: t("handshakeTimeout", port) }),
        HANDSHAKE_MS,
      );

      function finish(result) {
        if (done) return;
        done = true;
        clearTimeout(timer);
        socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
        if (result.state !== STATES.CONNECTED) {
          try {
            socket.close();
          } catch {
            // already closed
          }
        }
        resolve(result);
      }
      const notVerified = (why) =>
        finish({ state: STATES.NOT_VERIFIED, detail: t("notVerifiedWhy", port, t(why)) });

      async function step(data) {
        if (done) return;
        const frame = JSON.parse(data);
        if (!agentNonce) {
          if (frame?.type !== "hello" || frame.proto !== 1) return notVerified("whyGreeting");
          if (pairing.agent_id && frame.agent_id !== pairing.agent_id) {
            return finish({
              state: STATES.NOT_PAIRED,
              detail: t("pairedWithOther"),
            });
          }
          agentNonce = b64urlDecode(frame.agent_nonce);
          if (agentNonce.length !== 32) return notVerified("whyNonce");
          clientNonce = randomNonce();
          const mac = await clientMac(pairing.key, agentNonce, clientNonce, port, origin);
          if (done) return;
          socket.send(
            JSON.stringify({ type: "auth", client_id: pairing.client_id, client_nonce: b64urlEncode(clientNonce), mac: b64urlEncode(mac) }),
          );
          return;
        }
        if (frame?.type !== "welcome" || typeof frame.session_token !== "string") return notVerified("whyAnswer");
        if (!(await agentMacIsValid(pairing.key, frame.mac, agentNonce, clientNonce, port))) return notVerified("whyProof");
        finish({ state: STATES.CONNECTED, socket, token: frame.session_token });
      }

      socket.onopen = () => {
        opened = true;
      };
      socket.onmessage = (event) => {
        queue = queue.then(() => step(event.data)).catch(() => notVerified("whyMalformed"));
      };
      socket.onclose = (event) => {
        if (event.code === 4401) {
          finish({ state: STATES.NOT_PAIRED, detail: t("pairingRevoked") });
        } else if (event.code === 4429) {
          // This client id failed too often in the last minute: the agent refuses its failures for a while.
          // Not retried here, since every failed try would keep the refusal going.
          finish({ state: STATES.NOT_PAIRED, detail: t("handshakeThrottled") });
        } else if (!opened) {
          // Health answered but the upgrade was refused (403: this origin is not paired).
          finish({
            state: STATES.NOT_PAIRED,
            detail: t("connectionRefused"),
          });
        } else {
          notVerified("whyClosed");
        }
      };
    });
  }

  #onFrame(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (frame && frame.type === "event" && typeof frame.event === "string") this.#onEvent(frame);
  }

  #onSocketClosed(socket) {
    if (socket !== this.#socket) return;
    this.#closeSocket();
    this.#setStatus(STATES.CONNECTING, this.#status.port);
    this.#retryTimer = setTimeout(() => this.connect(), BACKOFF_MS[0]);
  }

  #closeSocket() {
    clearInterval(this.#pingTimer);
    clearTimeout(this.#retryTimer);
    const socket = this.#socket;
    this.#socket = null;
    if (socket) {
      socket.onclose = socket.onmessage = null;
      try {
        socket.close();
      } catch {
        // already closed
      }
    }
  }

  async #dropSession() {
    this.#token = null;
    this.#closeSocket();
    await this.#sessionArea.remove(SESSION_KEY);
    this.#setStatus(STATES.CONNECTING, this.#status.port);
  }

  #sendFrame(frame) {
    if (this.#socket && this.#socket.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(frame));
  }

  #sendSubscriptions() {
    if (this.#status.state !== STATES.CONNECTED) return;
    this.#sendFrame(this.#all ? { type: "subscribe", all: true } : { type: "subscribe", people: this.#people });
  }

  #setStatus(state, port, detail = "") {
    const changed = state !== this.#status.state || port !== this.#status.port || detail !== this.#status.detail;
    this.#status = { state, port, detail };
    if (changed) this.#onStatus(this.status);
  }

  // --- HTTP -------------------------------------------------------------------------------------

  // The agent's health answer; null when nothing answered; {} when something did, but not with JSON.
  async #health(port) {
    let response;
    try {
      response = await fetch(`http://127.0.0.1:${port}/v1/health`, {
        cache: "no-store",
        credentials: "omit",
        signal: AbortSignal.timeout(HEALTH_MS),
      });
    } catch {
      return null;
    }
    const payload = await response.json().catch(() => null);
    return payload && typeof payload === "object" ? payload : {};
  }

  async #post(port, path, body, token, contentType = "application/json") {
    const headers = { "Content-Type": contentType };
    if (token) headers.Authorization = `Bearer ${token}`;
    let response;
    try {
      response = await fetch(`http://127.0.0.1:${port}${path}`, {
        method: "POST",
        headers,
        body: contentType === "application/json" ? JSON.stringify(body) : body,
        cache: "no-store",
        credentials: "omit",
      });
    } catch {
      if (this.#socket) this.#onSocketClosed(this.#socket);
      throw new AgentError(STATES.AGENT_DOWN, t("agentStopped"));
    }
    const payload = await response.json().catch(() => null);
    if (!payload || payload.ok !== true) {
      const error = payload?.error ?? {};
      const code = String(error.code ?? `http_${response.status}`);
      // The agent is parsing too many pages at once: nothing is wrong, the same request works shortly.
      const busy = response.status === 503 && code === "busy";
      throw new AgentError(
        code,
        busy ? t("agentBusy") : String(error.message ?? t("agentHttpError", response.status, path)),
        response.status,
        typeof error.reason === "string" ? error.reason : "",
      );
    }
    return payload;
  }
}
