// Asks the browser to keep this app's storage (not evict it under pressure) and reports
// what it answered; headless and some browsers say no, and the UI must show that.

export interface StorageState {
  supported: boolean;
  persisted: boolean;
  usage: number | null;
  quota: number | null;
}

let request: Promise<StorageState> | null = null;

/** Asked once per page load (at start-up); later calls get the same answer. */
export function requestPersistentStorage(): Promise<StorageState> {
  request ??= ask();
  return request;
}

async function ask(): Promise<StorageState> {
  const storage = navigator.storage;
  if (!storage?.persist) return { supported: false, persisted: false, usage: null, quota: null };
  const persisted = (await storage.persisted()) || (await storage.persist().catch(() => false));
  const estimate = await storage.estimate().catch(() => ({}) as StorageEstimate);
  return { supported: true, persisted, usage: estimate.usage ?? null, quota: estimate.quota ?? null };
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'unknown';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}
