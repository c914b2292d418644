// "Delete all data": everything this app keeps on the device — every IndexedDB database
// (documents, the note index, memory vectors, samples), the model and wake-word caches,
// and localStorage (settings, the sync secret, the System log) — after stopping sync and
// every worker, which hold the databases open. The app shell stays cached so it still opens
// offline. Devices this one synced with keep their own copies.
import { allWorkerBridges } from '../../lib/workerBridge.ts';
import { leaveSpace } from '../sync/syncManager.svelte.ts';

/** Workbox's precache of the app shell (kept: the app must still open offline). */
const SHELL_CACHE_PREFIX = 'workbox-precache';

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(new Error(`The database “${name}” could not be deleted: ${request.error?.message ?? 'unknown error'}`));
    // Another tab still has it open: deletion waits for it, so say so instead of hanging.
    request.onblocked = () => reject(new Error('Close Jarvis in your other tabs and windows, then try again. Nothing more was deleted.'));
  });
}

export async function deleteAllData(): Promise<void> {
  leaveSpace();
  for (const bridge of allWorkerBridges()) bridge.terminate();
  const databases = (await indexedDB.databases?.()) ?? [];
  for (const { name } of databases) if (name) await deleteDatabase(name);
  if (typeof caches !== 'undefined') {
    for (const name of await caches.keys()) if (!name.startsWith(SHELL_CACHE_PREFIX)) await caches.delete(name);
  }
  localStorage.clear();
  sessionStorage.clear();
}
