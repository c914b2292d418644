// The data worker: automerge-repo with IndexedDB storage, tabs kept in step over a
// BroadcastChannel, other devices over WebRTC DataChannels the page bridges in through
// MessagePorts, exposed to the UI through comlink.

import * as Comlink from 'comlink';
import { initializeWasm } from '@automerge/automerge-repo/slim';
import wasmUrl from '@automerge/automerge/automerge.wasm?url';
import { BroadcastChannelNetworkAdapter } from '@automerge/automerge-repo-network-broadcastchannel';
import { BatchedIndexedDBStorageAdapter } from './batchedStorage.ts';
import { DataService } from './dataService.ts';
import { NoteIndex } from './noteIndex.ts';
import { openNotesStore } from './openStore.ts';
import { PeerNetworkAdapter } from '../sync/peerNetworkAdapter.ts';

const index = new NoteIndex();
// Other devices: one adapter for every WebRTC DataChannel the page bridges in (sync).
const peers = new PeerNetworkAdapter();
const store = initializeWasm(wasmUrl).then(() =>
  openNotesStore({
    storage: new BatchedIndexedDBStorageAdapter('jarvis-automerge'),
    network: [new BroadcastChannelNetworkAdapter({ channelName: 'jarvis-data' }), peers],
    index,
    withLock: (name, task) => navigator.locks.request(name, task),
  }),
);

Comlink.expose(new DataService(index, store, peers));
// Comlink messages sent before expose() would be lost: the bridge waits for this.
postMessage({ type: 'ready' });
