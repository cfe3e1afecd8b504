// One IndexedDB object store, opened for each transaction and closed after it: an MV3 worker can be stopped
// at any moment, so nothing holds a connection open.
//
// `transact(mode, action)`: `action(objectStore)` returns either an IDBRequest (the transaction resolves
// with its result) or a holder `{value}` that the action fills in (resolved with `value`).

export function idbStore(dbName, storeName) {
  function open() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(dbName, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(storeName);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  return async function transact(mode, action) {
    const db = await open();
    try {
      return await new Promise((resolve, reject) => {
        const tx = db.transaction(storeName, mode);
        const outcome = action(tx.objectStore(storeName));
        tx.oncomplete = () => resolve(outcome instanceof IDBRequest ? outcome.result : outcome?.value);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
    } finally {
      db.close();
    }
  };
}
