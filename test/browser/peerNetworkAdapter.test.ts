// The WebRTC network adapter over real RTCPeerConnections in Chromium: automerge-repo's own
// acceptance suite for network adapters, directly over DataChannels and through the
// page ↔ worker MessagePort bridge, plus multi-MB messages through both paths.

import { beforeAll, describe, expect, it } from 'vitest';
import { initializeWasm, Repo, type PeerId } from '@automerge/automerge-repo/slim';
import wasmUrl from '@automerge/automerge/automerge.wasm?url';
import { runNetworkAdapterTests } from '@automerge/automerge-repo/helpers/tests/network-adapter-tests.js';
import { dataChannelAsByteChannel, portAsByteChannel, type ByteChannel } from '../../workers/sync/byteChannel.ts';
import { bridgeDataChannel } from '../../workers/sync/channelBridge.ts';
import { PeerNetworkAdapter } from '../../workers/sync/peerNetworkAdapter.ts';
import { connectPair, type RtcPair } from './rtcPair.ts';
import type { WorkerRequest } from './syncPeer.worker.ts';

await initializeWasm(wasmUrl);

type Wrap = (dc: RTCDataChannel, pc: RTCPeerConnection) => ByteChannel;

const direct: Wrap = (dc, pc) => dataChannelAsByteChannel(dc, { maxMessageSize: pc.sctp?.maxMessageSize });

/** The data worker's path: DataChannel ⇄ bridge ⇄ MessagePort ⇄ portAsByteChannel. */
const bridged: Wrap = (dc, pc) => {
  const { port1, port2 } = new MessageChannel();
  bridgeDataChannel(dc, port1, { maxMessageSize: pc.sctp?.maxMessageSize });
  return portAsByteChannel(port2);
};

/** `n` adapters, every pair joined by its own RTCPeerConnection (a full mesh). */
async function mesh(n: number, wrap: Wrap) {
  const adapters = Array.from({ length: n }, () => new PeerNetworkAdapter({ peerWaitMs: 200 }));
  const pairs: RtcPair[] = [];
  const channels: ByteChannel[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const pair = await connectPair();
      pairs.push(pair);
      const left = wrap(pair.dcA, pair.pcA);
      const right = wrap(pair.dcB, pair.pcB);
      channels.push(left, right);
      adapters[i].addChannel(left);
      adapters[j].addChannel(right);
    }
  }
  const teardown = () => {
    for (const channel of channels) channel.close();
    for (const pair of pairs) pair.close();
  };
  return { adapters, teardown };
}

function meshSetup(wrap: Wrap) {
  return async () => {
    const { adapters, teardown } = await mesh(3, wrap);
    return { adapters: [adapters[0], adapters[1], adapters[2]] as [PeerNetworkAdapter, PeerNetworkAdapter, PeerNetworkAdapter], teardown };
  };
}

runNetworkAdapterTests(meshSetup(direct), 'PeerNetworkAdapter over RTCDataChannels');
runNetworkAdapterTests(meshSetup(bridged), 'PeerNetworkAdapter over RTCDataChannels bridged through MessagePorts');

function pattern(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

function same(x: Uint8Array, y: Uint8Array): boolean {
  if (x.byteLength !== y.byteLength) return false;
  for (let i = 0; i < x.byteLength; i++) if (x[i] !== y[i]) return false;
  return true;
}

function received(channel: ByteChannel, count: number): Promise<Uint8Array[]> {
  const messages: Uint8Array[] = [];
  return new Promise((resolve) => {
    channel.onmessage = (bytes) => {
      messages.push(bytes);
      if (messages.length === count) resolve(messages);
    };
  });
}

function closed(channel: ByteChannel): Promise<void> {
  return new Promise((resolve) => {
    channel.onclose = resolve;
  });
}

describe.each([
  ['direct', direct],
  ['bridged', bridged],
] as const)('ByteChannel over a DataChannel (%s)', (_name, wrap) => {
  let pair: RtcPair;
  let a: ByteChannel;
  let b: ByteChannel;

  beforeAll(async () => {
    pair = await connectPair();
    a = wrap(pair.dcA, pair.pcA);
    b = wrap(pair.dcB, pair.pcB);
    return () => pair.close();
  });

  it('carries messages of several MB, in order, with small ones around them (chunked)', async () => {
    const big = pattern(6 * 1024 * 1024 + 12345, 1);
    const exact = pattern(64 * 1024 - 1, 2); // exactly one full frame
    const sent = [new Uint8Array([1, 2, 3]), big, exact, new Uint8Array(0), pattern(300_000, 3), new Uint8Array([9])];
    const arriving = received(b, sent.length);
    for (const message of sent) a.send(message);
    const got = await arriving;
    expect(got.map((m) => m.byteLength)).toEqual(sent.map((m) => m.byteLength));
    for (let i = 0; i < sent.length; i++) expect(same(got[i], sent[i])).toBe(true);
  });

  it('carries big messages both ways at once', async () => {
    const toB = pattern(3 * 1024 * 1024, 4);
    const toA = pattern(5 * 1024 * 1024 + 1, 5);
    const [atB, atA] = [received(b, 1), received(a, 1)];
    a.send(toB);
    b.send(toA);
    const [[gotB], [gotA]] = await Promise.all([atB, atA]);
    expect(same(gotB, toB)).toBe(true);
    expect(same(gotA, toA)).toBe(true);
  });

  it('closing one end closes the other', async () => {
    const bClosed = closed(b);
    const aClosed = closed(a);
    a.close();
    await Promise.all([aClosed, bClosed]);
    expect(a.open).toBe(false);
    expect(b.open).toBe(false);
    b.send(new Uint8Array([1])); // ignored, no throw
  });
});

describe('PeerNetworkAdapter over WebRTC', () => {
  it('syncs 1,000 notes (a sync message of MBs) between two repos through the bridge', async () => {
    const { adapters, teardown } = await mesh(2, bridged);
    let largest = 0;
    adapters[1].on('message', (m) => {
      largest = Math.max(largest, (m as { data?: Uint8Array }).data?.byteLength ?? 0);
    });
    const alice = new Repo({ network: [adapters[0]], peerId: 'alice' as PeerId });
    const bob = new Repo({ network: [adapters[1]], peerId: 'bob' as PeerId });
    // incompressible text, so the sync message really is MBs
    const alphabet = 'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ.,0123456789';
    const notes = Array.from({ length: 1000 }, (_, i) =>
      Array.from(pattern(2000, i + 1), (byte) => alphabet[byte % alphabet.length]).join(''),
    );
    const handle = alice.create<{ notes: string[] }>({ notes });
    const bobHandle = await bob.find<{ notes: string[] }>(handle.url);
    expect(bobHandle.doc().notes.length).toBe(1000);
    expect(bobHandle.doc().notes[999]).toBe(notes[999]);
    expect(largest).toBeGreaterThan(1024 * 1024);
    await alice.shutdown();
    await bob.shutdown();
    teardown();
  });

  it('emits peer-disconnected when the DataChannel closes, and counts peers', async () => {
    const { adapters, teardown } = await mesh(3, direct);
    const candidates: string[] = [];
    adapters[2].on('peer-candidate', ({ peerId }) => candidates.push(peerId));
    adapters[0].connect('a' as PeerId);
    adapters[1].connect('b' as PeerId);
    adapters[2].connect('c' as PeerId);
    await expect.poll(() => adapters.map((a) => a.peers.sort().join())).toEqual(['b,c', 'a,c', 'a,b']);
    expect(candidates.sort()).toEqual(['a', 'b']); // once each, though both sides said hello
    const gone: string[] = [];
    adapters[0].on('peer-disconnected', ({ peerId }) => gone.push(peerId));
    teardown();
    await expect.poll(() => gone.sort()).toEqual(['b', 'c']);
    expect(adapters[0].peers).toEqual([]);
    expect(adapters[0].channelCount).toBe(0);
  });

  it('ignores messages that claim another sender', async () => {
    const { adapters, teardown } = await mesh(2, direct);
    adapters[0].connect('a' as PeerId);
    adapters[1].connect('b' as PeerId);
    await expect.poll(() => adapters.map((a) => a.peers.join())).toEqual(['b', 'a']);
    const got: unknown[] = [];
    adapters[1].on('message', (m) => got.push(m));
    const channel = adapters[0] as unknown as { send(m: unknown): void };
    channel.send({ type: 'sync', senderId: 'mallory', targetId: 'b', data: new Uint8Array([1]) });
    channel.send({ type: 'sync', senderId: 'a', targetId: 'b', data: new Uint8Array([2]) });
    await expect.poll(() => got.length).toBe(1);
    expect(got[0]).toMatchObject({ senderId: 'a', targetId: 'b', data: new Uint8Array([2]) });
    teardown();
  });

  it('syncs with a Repo in a worker whose channel the page bridges (the data worker path)', async () => {
    const worker = new Worker(new URL('./syncPeer.worker.ts', import.meta.url), { type: 'module' });
    const replies: { type: string; [key: string]: unknown }[] = [];
    const reply = (type: string) =>
      new Promise<{ [key: string]: unknown }>((resolve) => {
        const check = () => {
          const index = replies.findIndex((r) => r.type === type);
          if (index >= 0) resolve(replies.splice(index, 1)[0]);
          else setTimeout(check, 10);
        };
        check();
      });
    worker.onmessage = (event) => replies.push(event.data);
    const ask = (request: WorkerRequest, transfer: Transferable[] = []) => worker.postMessage(request, transfer);
    await reply('ready');

    const pair = await connectPair();
    const page = new PeerNetworkAdapter({ peerWaitMs: 200 });
    page.addChannel(direct(pair.dcA, pair.pcA));
    const { port1, port2 } = new MessageChannel();
    bridgeDataChannel(pair.dcB, port1, { maxMessageSize: pair.pcB.sctp?.maxMessageSize });
    ask({ type: 'port', port: port2 }, [port2]);

    const repo = new Repo({ network: [page], peerId: 'page' as PeerId });
    const notes = Array.from({ length: 300 }, (_, i) => Array.from(pattern(3000, i + 7), (b) => String.fromCharCode(33 + (b % 90))).join(''));
    const handle = repo.create<{ notes: string[]; seenBy?: string }>({ notes });
    const seen = new Promise<void>((resolve) => {
      handle.on('change', ({ doc }) => doc.seenBy === 'worker' && resolve());
    });
    const workerPeers = async () => {
      ask({ type: 'peers' });
      return (await reply('peers')).peers;
    };
    await expect.poll(workerPeers).toEqual(['page']);
    ask({ type: 'find', url: handle.url });
    expect(await reply('found')).toMatchObject({ count: 300, last: notes[299] });
    await seen;

    const gone = new Promise((resolve) => page.once('peer-disconnected', resolve));
    pair.pcB.close(); // the page's sync manager drops the worker's device: both ends see it
    expect(await gone).toMatchObject({ peerId: 'worker' });
    await expect.poll(workerPeers).toEqual([]);
    await repo.shutdown();
    pair.close();
    worker.terminate();
  });
});
