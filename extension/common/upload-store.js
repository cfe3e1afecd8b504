// Hands a chosen archive file from the options page to the background worker. Runtime messages carry
// JSON only, so the page parks the File in IndexedDB (same extension origin as the worker) and sends
// its key; the worker takes it out (deleting it) and uploads it to the agent.

import { idbStore } from "./idb-store.js";

const transact = idbStore("fathom-uploads", "files");

export const uploadStore = Object.freeze({
  /** Parks a Blob; resolves with the key to hand to the worker. */
  put(blob) {
    const key = crypto.randomUUID();
    return transact("readwrite", (store) => {
      store.put(blob, key);
      return { value: key };
    });
  },
  /** Removes and returns the Blob parked under `key` (undefined if there is none). */
  take(key) {
    return transact("readwrite", (store) => {
      const out = { value: undefined };
      const request = store.get(key);
      request.onsuccess = () => {
        out.value = request.result;
        store.delete(key);
      };
      return out;
    });
  },
});
