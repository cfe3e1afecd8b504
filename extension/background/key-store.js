// Keeps the pairing record in IndexedDB: {client_id, agent_id, key} where key is the non-extractable
// HMAC CryptoKey made from K. IndexedDB stores CryptoKeys by structured clone without exposing the
// bytes, which storage.local (JSON, and readable by content scripts) could not do.

import { idbStore } from "../common/idb-store.js";

const RECORD = "current";
const withStore = idbStore("fathom", "pairing");

export const keyStore = Object.freeze({
  async load() {
    const record = await withStore("readonly", (store) => store.get(RECORD));
    return record && record.key && record.client_id ? record : null;
  },
  save(record) {
    return withStore("readwrite", (store) => store.put(record, RECORD));
  },
  clear() {
    return withStore("readwrite", (store) => store.delete(RECORD));
  },
});
