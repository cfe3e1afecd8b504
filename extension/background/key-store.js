// Keeps the pairing record in IndexedDB: {client_id, agent_id, key} where key is the non-extractable
// HMAC CryptoKey made from K. IndexedDB stores CryptoKeys by structured clone without exposing the
// bytes, which storage.local (JSON, and readable by content scripts) could not do.

const DB_NAME = "fathom";
const STORE = "pairing";
const RECORD = "current";

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function withStore(mode, action) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = action(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

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
