// Opens a data store in Node the way the worker does, on a fresh fake IndexedDB.
import { afterEach } from 'vitest';
import { IndexedDBStorageAdapter } from '@automerge/automerge-repo-storage-indexeddb';
import { BroadcastChannelNetworkAdapter } from '@automerge/automerge-repo-network-broadcastchannel';
import { NoteIndex } from '../../workers/data/noteIndex.ts';
import { openNotesStore } from '../../workers/data/openStore.ts';
import { DataService } from '../../workers/data/dataService.ts';

let counter = 0;

/** A device: its own databases; devices given the same `channel` sync like two tabs. */
export async function openDevice(options: { channel?: string; name?: string } = {}) {
  const name = options.name ?? `device-${process.pid}-${++counter}`;
  const index = new NoteIndex(`${name}-index`);
  const network = options.channel ? [new BroadcastChannelNetworkAdapter({ channelName: options.channel })] : [];
  const storePromise = openNotesStore({ storage: new IndexedDBStorageAdapter(`${name}-automerge`), network, index });
  const service = new DataService(index, storePromise);
  const store = await storePromise;
  // shutdown() disconnects first, then flushes every handle; automerge-repo 2.5's flush throws
  // on a handle still waiting for a peer (another device's catalogue), after the data is safe.
  const close = () => store.repo.shutdown().catch((error: Error) => {
    if (!/not ready/.test(error.message)) throw error;
  });
  return { name, index, store, service, close };
}

/** Polls until `check` passes (no fixed sleeps). */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** `device()` for a test file: opens a device the way openDevice does and closes it after each test. */
export function devicesClosedAfterEach() {
  const opened: { close: () => Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((d) => d.close()));
  });
  return async (options: { channel?: string; name?: string } = {}) => {
    const d = await openDevice(options);
    opened.push(d);
    return d;
  };
}
