// A stand-in for the data worker: a Repo whose only network is a PeerNetworkAdapter fed by
// MessagePorts that the page bridges to RTCDataChannels.
import { initializeWasm, Repo, type AutomergeUrl, type PeerId } from '@automerge/automerge-repo/slim';
import wasmUrl from '@automerge/automerge/automerge.wasm?url';
import { attachPort } from '../../workers/sync/channelBridge.ts';
import { PeerNetworkAdapter } from '../../workers/sync/peerNetworkAdapter.ts';

export type WorkerRequest = { type: 'port'; port: MessagePort } | { type: 'find'; url: AutomergeUrl } | { type: 'peers' };

const adapter = new PeerNetworkAdapter();
await initializeWasm(wasmUrl);
const repo = new Repo({ network: [adapter], peerId: 'worker' as PeerId });

onmessage = async (event: MessageEvent<WorkerRequest>) => {
  try {
    await answer(event.data);
  } catch (error) {
    postMessage({ type: 'error', message: String(error) });
  }
};

async function answer(request: WorkerRequest): Promise<void> {
  if (request.type === 'port') attachPort(adapter, request.port);
  else if (request.type === 'peers') postMessage({ type: 'peers', peers: adapter.peers });
  else if (request.type === 'find') {
    const handle = await repo.find<{ notes: string[]; seenBy?: string }>(request.url);
    handle.change((doc) => {
      doc.seenBy = 'worker';
    });
    postMessage({ type: 'found', count: handle.doc().notes.length, last: handle.doc().notes.at(-1) });
  }
}
postMessage({ type: 'ready' });
