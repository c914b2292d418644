// Room id derivation and the encrypted signaling envelope. Random inputs come from a seeded
// PRNG; the seed is printed when a test fails — rerun with SYNC_TEST_SEED=<seed>.
import { createHash, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { random, randomBytes, randomInt, seedEachTest } from './seeded.ts';
import { decodeBase64url, encodeBase64url } from '../../../src/features/sync/base64url.ts';
import { deriveSpace, MAX_AGE_MS, newPeerId, SignalingCipher, type SyncSpaceKeys } from '../../../src/features/sync/envelope.ts';
import { PEER_ID_PATTERN, ROOM_ID_PATTERN } from '../../../workers/sync/protocol.ts';


seedEachTest('sync/envelope');

/** Seeded JSON value (objects, arrays, unicode strings, numbers, booleans). */
function randomJson(depth = 0): unknown {
  const kind = randomInt(depth > 2 ? 4 : 6);
  switch (kind) {
    case 0:
      return randomInt(1_000_000) - 500_000;
    case 1:
      return Array.from({ length: randomInt(20) }, () => String.fromCodePoint(32 + randomInt(0x2fff))).join('');
    case 2:
      return random() < 0.5;
    case 3:
      return random() * 1e6;
    case 4:
      return Array.from({ length: randomInt(5) }, () => randomJson(depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: randomInt(5) }, (_, i) => [`k${i}-${randomInt(100)}`, randomJson(depth + 1)]));
  }
}

/** Devices in one sync space (each with its own peer id and cipher). */
async function room(secret: Uint8Array, names: string[], now?: () => number) {
  const keys = await deriveSpace(secret);
  const peers: Record<string, { id: string; cipher: SignalingCipher }> = {};
  for (const name of names) {
    const id = newPeerId();
    peers[name] = { id, cipher: new SignalingCipher(keys, id, { now }) };
  }
  return { keys, peers };
}

const flip = (payload: string, index: number, bit: number) => {
  const bytes = decodeBase64url(payload)!;
  bytes[index] ^= 1 << bit;
  return encodeBase64url(bytes);
};

describe('deriveSpace', () => {
  it('room id = base64url(HKDF-SHA256(secret, "jarvis-sync-v1", "room-id", 32)), deterministic per secret', async () => {
    for (let i = 0; i < 10; i++) {
      const secret = randomBytes(32);
      const a = await deriveSpace(secret);
      const b = await deriveSpace(Uint8Array.from(secret));
      expect(a.roomId).toBe(b.roomId);
      expect(a.roomId).toMatch(ROOM_ID_PATTERN);
      const expected = Buffer.from(hkdfSync('sha256', secret, 'jarvis-sync-v1', 'room-id', 32)).toString('base64url');
      expect(a.roomId).toBe(expected);
    }
  });

  it('differs across secrets and reveals no encoding of the secret', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const secret = randomBytes(32);
      const { roomId } = await deriveSpace(secret);
      expect(seen.has(roomId)).toBe(false);
      seen.add(roomId);
      const encodings = [
        encodeBase64url(secret),
        Buffer.from(secret).toString('base64'),
        Buffer.from(secret).toString('hex'),
        Buffer.from(secret).toString('hex').toUpperCase(),
        createHash('sha256').update(secret).digest('base64url'), // not even a plain hash of it
      ];
      for (const enc of encodings) {
        expect(roomId).not.toBe(enc);
        expect(enc.includes(roomId)).toBe(false);
        // No 8-char run of the secret's encodings shows up in the room id.
        for (let k = 0; k + 8 <= enc.length; k++) expect(roomId.includes(enc.slice(k, k + 8))).toBe(false);
      }
    }
  });

  it('the signaling key is AES-GCM-256 and cannot be exported', async () => {
    const { key } = await deriveSpace(randomBytes(32));
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
  });

  it('refuses a secret that is not 32 bytes', async () => {
    await expect(deriveSpace(new Uint8Array(16))).rejects.toThrow(RangeError);
  });
});

describe('newPeerId', () => {
  it('is 22 chars of base64url (16 random bytes) and fresh each time', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newPeerId()));
    expect(ids.size).toBe(200);
    for (const id of ids) {
      expect(id).toMatch(PEER_ID_PATTERN);
      expect(decodeBase64url(id, 16)).not.toBeNull();
    }
  });
});

describe('SignalingCipher', () => {
  it('round-trips arbitrary JSON, direct and with the recipient unknown', async () => {
    const { peers } = await room(randomBytes(32), ['a', 'b']);
    const { a, b } = peers;
    const messages: unknown[] = [
      { type: 'offer', sdp: 'v=0\r\no=- 46117 2 IN IP4 127.0.0.1\r\n' },
      { type: 'candidate', candidate: { candidate: 'candidate:1 1 udp 2122260223 192.168.1.5 54321 typ host', sdpMid: '0', sdpMLineIndex: 0 } },
      { kind: 'rotate', secret: encodeBase64url(randomBytes(32)) },
      'plain string ✓ 日本語 🎉',
      42,
      false,
      [1, 'two', { three: [3] }],
    ];
    for (let i = 0; i < 30; i++) messages.push(randomJson());
    for (const message of messages) {
      const expected = JSON.parse(JSON.stringify(message));
      expect(await b.cipher.open(a.id, b.id, await a.cipher.seal(message, b.id))).toEqual(expected);
      expect(await b.cipher.open(a.id, undefined, await a.cipher.seal(message, b.id))).toEqual(expected);
    }
    expect(b.cipher.stats).toEqual({ dropped: 0, replays: 0 });
  });

  it('payload = base64url(12-byte IV ‖ ciphertext ‖ 16-byte tag), fresh IV per message', async () => {
    const { peers } = await room(randomBytes(32), ['a', 'b']);
    const p1 = await peers.a.cipher.seal({ x: 1 }, peers.b.id);
    const p2 = await peers.a.cipher.seal({ x: 1 }, peers.b.id);
    expect(p1).toMatch(/^[A-Za-z0-9_-]+$/);
    const b1 = decodeBase64url(p1)!;
    const b2 = decodeBase64url(p2)!;
    const plaintextLength = new TextEncoder().encode(`{"n":0,"id":"${'A'.repeat(16)}","t":0,"m":{"x":1}}`).length;
    // 12 + plaintext + 16, where n and t are numbers of a few digits more than the template's 0.
    expect(b1.length).toBeGreaterThanOrEqual(12 + plaintextLength + 16);
    expect(b1.length).toBeLessThan(12 + plaintextLength + 16 + 40);
    expect(b1.slice(0, 12)).not.toEqual(b2.slice(0, 12));
    expect(p1).not.toBe(p2);
    // Nothing of the message shows through.
    expect(new TextDecoder().decode(b1)).not.toContain('"x"');
  });

  it('seal refuses null/undefined/non-JSON messages and bad recipients', async () => {
    const { peers } = await room(randomBytes(32), ['a']);
    await expect(peers.a.cipher.seal(null, null)).rejects.toThrow(TypeError);
    await expect(peers.a.cipher.seal(undefined, null)).rejects.toThrow(TypeError);
    await expect(peers.a.cipher.seal(() => 1, null)).rejects.toThrow(TypeError);
    await expect(peers.a.cipher.seal({ ok: true }, 'not-a-peer-id')).rejects.toThrow(TypeError);
    expect(() => new SignalingCipher({ roomId: 'x', key: {} as CryptoKey }, 'short')).toThrow(TypeError);
  });

  it('drops tampered ciphertext (a bit flipped in every byte: IV, body, tag) and counts it', async () => {
    const { peers } = await room(randomBytes(32), ['a', 'b']);
    const { a, b } = peers;
    const payload = await a.cipher.seal({ type: 'offer', sdp: 'v=0' }, b.id);
    const length = decodeBase64url(payload)!.length;
    for (let i = 0; i < length; i++) {
      const bit = randomInt(8);
      expect(await b.cipher.open(a.id, b.id, flip(payload, i, bit)), `byte ${i} bit ${bit}`).toBeNull();
    }
    // Truncated, extended, not base64url, empty.
    const bytes = decodeBase64url(payload)!;
    const broken = [
      encodeBase64url(bytes.subarray(0, bytes.length - 1)),
      encodeBase64url(Uint8Array.from([...bytes, 0])),
      encodeBase64url(bytes.subarray(0, 27)),
      `${payload.slice(0, 10)}+${payload.slice(11)}`,
      '',
      '!!!',
    ];
    for (const p of broken) expect(await b.cipher.open(a.id, b.id, p)).toBeNull();
    expect(b.cipher.stats).toEqual({ dropped: length + broken.length, replays: 0 });
    // The untouched payload still opens: failed attempts consume nothing.
    expect(await b.cipher.open(a.id, b.id, payload)).toEqual({ type: 'offer', sdp: 'v=0' });
  });

  it('drops payloads sealed with another sync space’s key', async () => {
    const secret = randomBytes(32);
    const other = randomBytes(32);
    const mine = await room(secret, ['b']);
    const b = mine.peers.b;
    const theirs = await deriveSpace(other);
    const stranger = new SignalingCipher(theirs, newPeerId());
    // Even if a stranger somehow used our room id (the server's view), the key is different.
    const impostor = new SignalingCipher({ roomId: mine.keys.roomId, key: theirs.key }, newPeerId());
    expect(await b.cipher.open(stranger.peerId, b.id, await stranger.seal({ hi: 1 }, b.id))).toBeNull();
    expect(await b.cipher.open(impostor.peerId, b.id, await impostor.seal({ hi: 1 }, b.id))).toBeNull();
    expect(await b.cipher.open(impostor.peerId, null, await impostor.seal({ hi: 1 }, null))).toBeNull();
    expect(b.cipher.stats).toEqual({ dropped: 3, replays: 0 });
  });

  it('ignores a replayed payload — again, later, after reconnecting — and counts it', async () => {
    const { peers } = await room(randomBytes(32), ['a', 'b', 'c']);
    const { a, b, c } = peers;
    const direct = await a.cipher.seal({ type: 'answer', sdp: 'v=0' }, b.id);
    expect(await b.cipher.open(a.id, b.id, direct)).toEqual({ type: 'answer', sdp: 'v=0' });
    expect(await b.cipher.open(a.id, b.id, direct)).toBeNull();
    expect(await b.cipher.open(a.id, undefined, direct)).toBeNull();
    // Later, after other traffic (as on a new WebSocket connection with the same cipher).
    for (let i = 0; i < 20; i++) expect(await b.cipher.open(a.id, b.id, await a.cipher.seal({ i }, b.id))).toEqual({ i });
    expect(await b.cipher.open(a.id, b.id, direct)).toBeNull();
    expect(b.cipher.stats).toEqual({ dropped: 0, replays: 3 });
    // Replayed to another member it does not even authenticate (it was addressed to b).
    expect(await c.cipher.open(a.id, undefined, direct)).toBeNull();
    expect(c.cipher.stats).toEqual({ dropped: 1, replays: 0 });
    // A broadcast opens once per member; replays are ignored by each.
    const hello = await a.cipher.seal({ type: 'hello' }, null);
    expect(await b.cipher.open(a.id, null, hello)).toEqual({ type: 'hello' });
    expect(await c.cipher.open(a.id, undefined, hello)).toEqual({ type: 'hello' });
    expect(await b.cipher.open(a.id, undefined, hello)).toBeNull();
    expect(await c.cipher.open(a.id, null, hello)).toBeNull();
    expect(b.cipher.stats.replays).toBe(4);
    expect(c.cipher.stats.replays).toBe(1);
  });

  it('ignores a replay whose id has left the seen window (counter behind the window)', async () => {
    const { keys } = await room(randomBytes(32), []);
    const a = new SignalingCipher(keys, newPeerId());
    const b = new SignalingCipher(keys, newPeerId(), { seenPerSender: 8 });
    const payloads = [];
    for (let i = 0; i < 30; i++) payloads.push(await a.seal({ i }, b.peerId));
    // Out of order within the window is fine (seals can finish out of order).
    expect(await b.open(a.peerId, b.peerId, payloads[20])).toEqual({ i: 20 });
    expect(await b.open(a.peerId, b.peerId, payloads[15])).toEqual({ i: 15 });
    // Too far behind the newest counter: refused even though its id was never seen.
    expect(await b.open(a.peerId, b.peerId, payloads[5])).toBeNull();
    for (let i = 21; i < 30; i++) expect(await b.open(a.peerId, b.peerId, payloads[i])).toEqual({ i });
    // 20 has been pushed out of the 8 remembered ids; the counter window still catches it.
    expect(await b.open(a.peerId, b.peerId, payloads[20])).toBeNull();
    expect(b.stats).toEqual({ dropped: 0, replays: 2 });
  });

  it('tolerates seals finishing out of order', async () => {
    const { peers } = await room(randomBytes(32), ['a', 'b']);
    const { a, b } = peers;
    const payloads = await Promise.all(Array.from({ length: 50 }, (_, i) => a.cipher.seal({ i }, b.id)));
    for (let i = 49; i >= 0; i--) expect(await b.cipher.open(a.id, b.id, payloads[i])).toEqual({ i });
    expect(b.cipher.stats).toEqual({ dropped: 0, replays: 0 });
  });

  it('drops a payload re-labelled as coming from another peer', async () => {
    const { peers } = await room(randomBytes(32), ['a', 'b', 'c']);
    const { a, b, c } = peers;
    const payload = await a.cipher.seal({ type: 'offer' }, b.id);
    expect(await b.cipher.open(c.id, b.id, payload)).toBeNull();
    expect(await b.cipher.open(newPeerId(), undefined, payload)).toBeNull();
    const hello = await a.cipher.seal({ type: 'hello' }, null);
    expect(await b.cipher.open(c.id, null, hello)).toBeNull();
    // Reflected back to its sender, under either name.
    expect(await a.cipher.open(a.id, undefined, hello)).toBeNull();
    expect(await a.cipher.open(b.id, undefined, payload)).toBeNull();
    expect(b.cipher.stats).toEqual({ dropped: 3, replays: 0 });
    expect(a.cipher.stats).toEqual({ dropped: 2, replays: 0 });
    // The genuine label still works (nothing was consumed).
    expect(await b.cipher.open(a.id, b.id, payload)).toEqual({ type: 'offer' });
  });

  it('drops a payload addressed to someone else, and a direct one passed off as a broadcast', async () => {
    const { peers } = await room(randomBytes(32), ['a', 'b', 'z']);
    const { a, b, z } = peers;
    const toZ = await a.cipher.seal({ type: 'offer' }, z.id);
    expect(await b.cipher.open(a.id, b.id, toZ)).toBeNull();
    expect(await b.cipher.open(a.id, undefined, toZ)).toBeNull();
    expect(await b.cipher.open(a.id, null, toZ)).toBeNull();
    expect(await b.cipher.open(a.id, z.id, toZ)).toBeNull(); // not for me, whatever it claims
    expect(b.cipher.stats).toEqual({ dropped: 4, replays: 0 });
    expect(await z.cipher.open(a.id, z.id, toZ)).toEqual({ type: 'offer' });
    // A broadcast cannot be passed off as a direct message to me either.
    const hello = await a.cipher.seal({ type: 'hello' }, null);
    expect(await b.cipher.open(a.id, b.id, hello)).toBeNull();
  });

  it('a broadcast (to null) opens for every member of the room', async () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    const { peers } = await room(randomBytes(32), names);
    const message = randomJson() ?? 0;
    const hello = await peers.a.cipher.seal(message, null);
    for (const name of names.slice(1)) {
      expect(await peers[name].cipher.open(peers.a.id, random() < 0.5 ? null : undefined, hello)).toEqual(JSON.parse(JSON.stringify(message)));
    }
  });

  it('ignores messages whose timestamp is too old (or too far in the future)', async () => {
    const secret = randomBytes(32);
    const keys: SyncSpaceKeys = await deriveSpace(secret);
    let senderClock = Date.now();
    let receiverClock = Date.now();
    const a = new SignalingCipher(keys, newPeerId(), { now: () => senderClock });
    const b = new SignalingCipher(keys, newPeerId(), { now: () => receiverClock });
    senderClock = receiverClock - MAX_AGE_MS - 60_000; // 11 minutes behind
    expect(await b.open(a.peerId, b.peerId, await a.seal({ old: true }, b.peerId))).toBeNull();
    senderClock = receiverClock + MAX_AGE_MS + 60_000; // 11 minutes ahead
    expect(await b.open(a.peerId, b.peerId, await a.seal({ future: true }, b.peerId))).toBeNull();
    expect(b.stats).toEqual({ dropped: 0, replays: 2 });
    // Modest clock skew is fine.
    senderClock = receiverClock - 9 * 60_000;
    expect(await b.open(a.peerId, b.peerId, await a.seal({ skew: -9 }, b.peerId))).toEqual({ skew: -9 });
    senderClock = receiverClock + 9 * 60_000;
    expect(await b.open(a.peerId, b.peerId, await a.seal({ skew: 9 }, b.peerId))).toEqual({ skew: 9 });
    // A payload accepted now is refused when replayed 11 minutes later (its sender's state
    // has been forgotten by then — the timestamp alone refuses it).
    senderClock = receiverClock;
    const fresh = await a.seal({ fresh: true }, b.peerId);
    expect(await b.open(a.peerId, b.peerId, fresh)).toEqual({ fresh: true });
    receiverClock += MAX_AGE_MS + 60_000;
    expect(await b.open(a.peerId, b.peerId, fresh)).toBeNull();
    expect(b.stats).toEqual({ dropped: 0, replays: 3 });
  });

  it('carries a rotation hand-over: the new secret arrives and derives a different room', async () => {
    const { keys, peers } = await room(randomBytes(32), ['a', 'b']);
    const next = randomBytes(32);
    const sealed = await peers.a.cipher.seal({ kind: 'rotate', secret: encodeBase64url(next) }, peers.b.id);
    const opened = (await peers.b.cipher.open(peers.a.id, undefined, sealed)) as { kind: string; secret: string };
    expect(opened.kind).toBe('rotate');
    const received = decodeBase64url(opened.secret, 32)!;
    expect(received).toEqual(next);
    expect((await deriveSpace(received)).roomId).not.toBe(keys.roomId);
  });
});
