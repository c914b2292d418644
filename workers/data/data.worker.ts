// The data worker: automerge-repo with IndexedDB storage, tabs kept in step over a
// BroadcastChannel, exposed to the UI through comlink.

import * as Comlink from 'comlink';
import { initializeWasm } from '@automerge/automerge-repo/slim';
import wasmUrl from '@automerge/automerge/automerge.wasm?url';
import { IndexedDBStorageAdapter } from '@automerge/automerge-repo-storage-indexeddb';
import { BroadcastChannelNetworkAdapter } from '@automerge/automerge-repo-network-broadcastchannel';
import { DataService } from './dataService.ts';
import { NoteIndex } from './noteIndex.ts';
import { openNotesStore } from './openStore.ts';

const index = new NoteIndex();
const store = initializeWasm(wasmUrl).then(() =>
  openNotesStore({
    storage: new IndexedDBStorageAdapter('jarvis-automerge'),
    network: [new BroadcastChannelNetworkAdapter({ channelName: 'jarvis-data' })],
    index,
    withLock: (name, task) => navigator.locks.request(name, task),
  }),
);

Comlink.expose(new DataService(index, store));
// Comlink messages sent before expose() would be lost: the bridge waits for this.
postMessage({ type: 'ready' });
