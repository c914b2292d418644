// @vitest-environment node
// Hostile sync inputs (test/fixtures/hostile/sync.json), one describe per surface:
// - server: frames for the signaling relay over a real WebSocket (in-process server);
// - envelope: payloads for SignalingCipher.open, each dropped or refused as a replay and counted;
// - link: pasted text for parseLink, refused with the user-facing message;
// - framing: DataChannel frames for FrameDecoder, lengths that lie and oversized ones;
// - adapter: CBOR messages for PeerNetworkAdapter, never passed to the repo.
import { hkdfSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { cbor, type PeerId } from '@automerge/automerge-repo/slim';
import { attachSignaling, parseClientFrame, type Signaling } from '../../../server/signaling.ts';
import type { ServerFrame } from '../../../workers/sync/protocol.ts';
import { decodeBase64url, encodeBase64url } from '../../../src/features/sync/base64url.ts';
import { deriveSpace, newPeerId, SignalingCipher, type SyncSpaceKeys } from '../../../src/features/sync/envelope.ts';
import { LINK_MESSAGES, parseLink } from '../../../src/features/sync/link.ts';
import { encodeFrames, FrameDecoder, type ByteChannel } from '../../../workers/sync/byteChannel.ts';
import { PeerNetworkAdapter } from '../../../workers/sync/peerNetworkAdapter.ts';
import { expectClearMessage, loadCases, text, type HostileCase, type TextSpec } from './corpus.ts';

interface SyncCase extends HostileCase {
  category: 'server' | 'envelope' | 'link' | 'framing' | 'adapter';
  [key: string]: unknown;
}

const ALL = loadCases<SyncCase>('sync.json');
const only = (category: SyncCase['category']) => ALL.filter((c) => c.category === category).map((c) => [c.name, c] as const);
const WAIT_MS = 5000;

const isTextSpec = (value: unknown): value is TextSpec =>
  typeof value === 'string' || Array.isArray(value) || (typeof value === 'object' && value !== null && ('repeat' in value || 'codes' in value));

/** JSON from the corpus with generators expanded and placeholders filled in. */
function materialise(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === 'string') return vars[value] ?? value;
  if (Array.isArray(value)) return value.map((v) => materialise(v, vars));
  if (value && typeof value === 'object') {
    if ('repeat' in value || 'codes' in value) return text(value as TextSpec);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, materialise(v, vars)]));
  }
  return value;
}

const hex = (spec: string) => Uint8Array.from((spec.replace(/\s+/g, '').match(/../g) ?? []).map((h) => parseInt(h, 16)));

describe('hostile signaling frames (server/signaling.ts)', () => {
  let http: Server;
  let signaling: Signaling;
  let url: string;

  beforeAll(async () => {
    http = createServer((_req, res) => res.end());
    signaling = attachSignaling(http);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/signal`;
  });

  afterAll(async () => {
    signaling.close();
    await new Promise((resolve) => http.close(resolve));
  });

  /** A client that queues frames; `next(type)` waits for one. */
  async function open() {
    const socket = new WebSocket(url);
    const frames: ServerFrame[] = [];
    const waiters: (() => void)[] = [];
    socket.on('message', (data) => {
      frames.push(JSON.parse(data.toString()) as ServerFrame);
      waiters.splice(0).forEach((wake) => wake());
    });
    socket.on('error', () => {});
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const next = async <T extends ServerFrame['type']>(type: T): Promise<Extract<ServerFrame, { type: T }>> => {
      const deadline = Date.now() + WAIT_MS;
      for (;;) {
        const index = frames.findIndex((f) => f.type === type);
        if (index >= 0) return frames.splice(index, 1)[0] as Extract<ServerFrame, { type: T }>;
        if (Date.now() > deadline) throw new Error(`no '${type}' frame; got ${JSON.stringify(frames).slice(0, 300)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    };
    return { socket, next, closed };
  }

  it.each(only('server'))('%s', async (_name, c) => {
    const client = await open();
    const peer = randomBytes(16).toString('base64url');
    if (c.setup === 'joined') {
      client.socket.send(JSON.stringify({ type: 'join', room: randomBytes(32).toString('base64url'), peer }));
      await client.next('joined');
    }
    let frame: string | Uint8Array;
    let binary = false;
    if (c.json !== undefined) frame = JSON.stringify(materialise(c.json, { $SELF: peer }));
    else if (typeof c.binary === 'string') {
      frame = Buffer.from(c.binary, 'base64');
      binary = true;
    } else if (typeof c.textHex === 'string') frame = hex(c.textHex);
    else frame = text(c.text as TextSpec);
    if (typeof frame === 'string' && c.expect === 'malformed') expect(parseClientFrame(frame)).toBeUndefined();

    for (let i = 0; i < ((c.repeat as number | undefined) ?? 1); i++) client.socket.send(frame, { binary });
    const expected = c.expect as string;
    if (expected.startsWith('close-')) {
      const code = await Promise.race([client.closed, new Promise((resolve) => setTimeout(() => resolve('still open'), WAIT_MS))]);
      expect(code).toBe(Number(expected.slice('close-'.length)));
    } else {
      const error = await client.next('error');
      expect(error.code).toBe(expected);
      expectClearMessage(error.message);
      // Refused, not fatal: the same connection still answers.
      client.socket.send(JSON.stringify({ type: 'ping' }));
      expect(await client.next('pong')).toEqual({ type: 'pong' });
      client.socket.close(1000);
      await client.closed;
    }
  });

  it('the relay is still up and empty after the whole corpus', async () => {
    const client = await open();
    client.socket.send(JSON.stringify({ type: 'ping' }));
    expect(await client.next('pong')).toEqual({ type: 'pong' });
    client.socket.close(1000);
    await client.closed;
    await vi.waitFor(() => expect(signaling.stats()).toEqual({ connections: 0, rooms: 0, peers: 0 }));
  });
});

describe('hostile signaling envelopes (src/features/sync/envelope.ts)', () => {
  const NOW = Date.UTC(2026, 2, 7, 12);
  const secret = randomBytes(32);
  let keys: SyncSpaceKeys;
  let rawKey: CryptoKey;
  let me: string;
  let alice: string;

  beforeAll(async () => {
    keys = await deriveSpace(secret);
    rawKey = await crypto.subtle.importKey('raw', new Uint8Array(hkdfSync('sha256', secret, 'jarvis-sync-v1', 'signaling-key', 32)), 'AES-GCM', false, ['encrypt']);
    me = newPeerId();
    alice = newPeerId();
  });

  /** An authentic payload from alice to me whose plaintext is `inner`, whatever it is. */
  async function sealRaw(plain: Uint8Array): Promise<string> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const aad = new TextEncoder().encode(`jarvis-signal-v1|${keys.roomId}|${alice}|${me}`);
    const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }, rawKey, new Uint8Array(plain)));
    const out = new Uint8Array(12 + sealed.length);
    out.set(iv);
    out.set(sealed, 12);
    return encodeBase64url(out);
  }

  it.each(only('envelope'))('%s', async (_name, c) => {
    const receiver = new SignalingCipher(keys, me, { now: () => NOW });
    const sender = new SignalingCipher(keys, alice, { now: () => NOW });
    const vars: Record<string, string> = { $ME: me };
    let from: unknown = c.from === undefined ? alice : (vars[c.from as string] ?? c.from);
    let to: string | null | undefined = c.to === undefined ? undefined : (c.to as string | null);
    let payload: unknown = await sender.seal({ kind: 'hello' }, me);

    if (c.payload !== undefined) payload = isTextSpec(c.payload) ? text(c.payload) : c.payload;
    if (typeof c.inner === 'string') {
      const id = encodeBase64url(crypto.getRandomValues(new Uint8Array(12)));
      const inner = c.inner as string;
      const plain = inner.startsWith('$BYTES:')
        ? hex(inner.slice('$BYTES:'.length))
        : new TextEncoder().encode(inner.replaceAll('$ID', id).replaceAll('$NOW', String(NOW)).replace('$DEEP', '['.repeat(100_000) + ']'.repeat(100_000)));
      payload = await sealRaw(plain);
    }
    switch (c.build) {
      case 'tamper': {
        const bytes = decodeBase64url(payload as string)!;
        bytes[20] ^= 0x10;
        payload = encodeBase64url(bytes);
        break;
      }
      case 'relabel':
        from = newPeerId();
        break;
      case 'misaddress':
        payload = await sender.seal({ kind: 'hello' }, newPeerId());
        break;
      case 'broadcast-as-direct':
        payload = await sender.seal({ kind: 'hello' }, null);
        to = me;
        break;
      case 'other-space':
        payload = await new SignalingCipher(await deriveSpace(randomBytes(32)), alice, { now: () => NOW }).seal({ kind: 'hello' }, me);
        break;
      case 'truncate':
        payload = (payload as string).slice(0, -10);
        break;
      case 'replay':
        expect(await receiver.open(alice, me, payload as string)).toEqual({ kind: 'hello' });
        break;
      case 'stale':
        payload = await new SignalingCipher(keys, alice, { now: () => NOW - 11 * 60_000 }).seal({ kind: 'hello' }, me);
        break;
      case 'future':
        payload = await new SignalingCipher(keys, alice, { now: () => NOW + 11 * 60_000 }).seal({ kind: 'hello' }, me);
        break;
    }

    const before = receiver.stats;
    const opened = await receiver.open(from as string, to, payload as string);
    expect(opened).toBeNull();
    const after = receiver.stats;
    if (c.expect === 'replay') expect(after).toEqual({ dropped: before.dropped, replays: before.replays + 1 });
    else expect(after).toEqual({ dropped: before.dropped + 1, replays: before.replays });
    // Still works for an authentic message afterwards.
    expect(await receiver.open(alice, me, await sender.seal({ kind: 'after' }, me))).toEqual({ kind: 'after' });
  });
});

describe('hostile sync links (src/features/sync/link.ts)', () => {
  it.each(only('link'))('%s', async (_name, c) => {
    const input = c.link === null || typeof c.link === 'number' ? c.link : text(c.link as TextSpec);
    const start = performance.now();
    const parsed = await parseLink(input as string);
    expect(performance.now() - start).toBeLessThan(2000);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.reason).toBe(c.reason);
    expect(parsed.message).toBe(LINK_MESSAGES[parsed.reason]);
    expectClearMessage(parsed.message);
  });
});

describe('hostile DataChannel frames (workers/sync/byteChannel.ts FrameDecoder)', () => {
  it.each(only('framing'))('%s', (_name, c) => {
    const decoder = new FrameDecoder((c.maxBytes as number | undefined) ?? undefined);
    const frames: Uint8Array[] = [];
    const generate = c.generate as { bytes: number; frameBytes: number } | undefined;
    const original = generate ? Uint8Array.from({ length: generate.bytes }, (_, i) => (i * 31) % 251) : undefined;
    if (generate) frames.push(...encodeFrames(original!, generate.frameBytes));
    for (const entry of (c.frames ?? []) as (string | { frame: string; times: number })[]) {
      if (typeof entry === 'string') frames.push(hex(entry));
      else for (let i = 0; i < entry.times; i++) frames.push(hex(entry.frame));
    }
    const messages: Uint8Array[] = [];
    const buffersBefore = process.memoryUsage().arrayBuffers;
    let thrown: unknown;
    try {
      for (const frame of frames) {
        const message = decoder.push(frame);
        if (message) messages.push(message);
      }
    } catch (error) {
      thrown = error;
    }
    if (c.expect === 'error') {
      // The channel turns this Error into a warning and closes the DataChannel.
      expect(thrown).toBeInstanceOf(Error);
      expect((thrown as Error).message).toContain(c.message);
      expectClearMessage((thrown as Error).message);
    } else {
      expect(thrown).toBeUndefined();
      expect(messages.length).toBe(Number(c.message));
      if (original) expect(Buffer.from(messages[0]).equals(Buffer.from(original))).toBe(true);
    }
    if (typeof c.allocBoundMB === 'number') {
      expect((process.memoryUsage().arrayBuffers - buffersBefore) / 2 ** 20, 'MiB allocated').toBeLessThan(c.allocBoundMB);
    }
  });
});

describe('hostile messages to the sync network adapter (workers/sync/peerNetworkAdapter.ts)', () => {
  it.each(only('adapter'))('%s', (_name, c) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const sent: Uint8Array[] = [];
      const channel: ByteChannel = { onmessage: null, onclose: null, open: true, send: (bytes) => void sent.push(bytes), close: () => {} };
      const adapter = new PeerNetworkAdapter({ peerWaitMs: 10 });
      const emitted: unknown[] = [];
      adapter.on('message', (message) => emitted.push(message));
      adapter.connect('me' as PeerId);
      adapter.addChannel(channel);
      if (c.handshake) {
        channel.onmessage!(cbor.encode({ type: 'arrive', senderId: 'remote' }));
        expect(adapter.peers).toEqual(['remote']);
      }
      const bytes =
        typeof c.hex === 'string'
          ? hex(c.hex)
          : cbor.encode(JSON.parse(JSON.stringify(c.cbor ?? null), (_k, v) => (v === '$ME' ? 'me' : v === '$BYTES' ? new Uint8Array([1, 2, 3]) : v)));
      expect(() => channel.onmessage!(bytes)).not.toThrow();
      expect(emitted, 'nothing reaches the repo').toEqual([]);
      // Counted as dropped, except a "leave" from a stranger, which is simply a no-op.
      expect(adapter.dropped).toBe(/leave/.test(_name) ? 0 : 1);
      if (c.handshake) {
        // The link still works for the real peer.
        expect(adapter.peers).toEqual(['remote']);
        channel.onmessage!(cbor.encode({ type: 'request', senderId: 'remote', targetId: 'me', documentId: 'x', data: new Uint8Array([1]) }));
        expect(emitted).toHaveLength(1);
      }
      adapter.disconnect();
    } finally {
      warn.mockRestore();
    }
  });
});
