// The encrypted signaling envelope (SPEC §3). WebCrypto only (crypto.subtle /
// crypto.getRandomValues): the same code runs in the page, in workers and in Node 20.
//
// Keys — HKDF-SHA256 over the 32-byte link secret, salt = UTF-8 "jarvis-sync-v1":
//   roomId = base64url(HKDF(info = UTF-8 "room-id", 32 bytes))        43 chars, one-way
//   key    = AES-GCM-256 from HKDF(info = UTF-8 "signaling-key")       non-extractable
// The signaling server sees only roomId; it can neither recover the secret nor the key from
// it (distinct HKDF info strings give independent outputs).
//
// Sealed payload (the `payload` string of a 'signal' frame):
//   base64url( IV (12 random bytes, fresh per message) ‖ AES-GCM ciphertext ‖ 16-byte tag )
// Additional data (authenticated, not sent — each side rebuilds it):
//   UTF-8 `jarvis-signal-v1|${roomId}|${senderPeerId}|${recipientPeerId ?? '*'}`
// Plaintext (UTF-8 JSON, authenticated and encrypted):
//   { "n": counter, "id": 16-char base64url (12 random bytes), "t": ms since epoch, "m": message }
//
// Why this shape:
// - sender id in the AD: a payload from X re-labelled by the server as from Y fails to open;
// - recipient in the AD ('*' = broadcast to the room): a payload addressed to Z delivered to me
//   fails to open, and a direct message cannot be passed off as a broadcast or vice versa;
// - room id in the AD: domain separation (the key is already per room);
// - the counter is in the authenticated plaintext rather than the AD because the receiver
//   has to know the AD before it can decrypt, and the brief's layout is IV ‖ ciphertext only;
//   integrity-wise this is equivalent (GCM authenticates both).
// Replays: per sender the receiver keeps the last SEEN_PER_SENDER message ids and the highest
// counter; a message whose id was seen, whose counter is more than SEEN_PER_SENDER below the
// highest (it might have left the id set), or whose timestamp is more than MAX_AGE_MS away
// from the receiver's clock (either direction) is ignored and counted in `stats.replays`.
// Together these make a payload replayed later — on the same or another connection — inert.
// Payloads that fail authentication (tampered, wrong key, relabelled, misaddressed) or are
// malformed are dropped and counted in `stats.dropped`. Senders that have been quiet longer
// than MAX_AGE_MS are forgotten: any replay of theirs would be stale anyway.
//
// The counter starts at the sender's clock (ms) when the cipher is made and goes up by one
// per message, so a device that reloads and happens to reuse its peer id still counts upward
// of its previous session (as long as it averaged < 1000 messages a second). Seals may finish
// out of order (encryption is async), which the window tolerates.
//
// Messages may be any JSON value except null (null is what open() returns for "dropped"); they
// go through JSON.stringify/parse, so e.g. a rotation hand-over is simply
// seal({ kind: 'rotate', secret: encodeBase64url(newSecret) }, peerId).

import { PEER_ID_PATTERN, SIGNALING_LIMITS } from '../../../workers/sync/protocol.ts';
import { decodeBase64url, encodeBase64url } from './base64url.ts';

export const SYNC_SALT = 'jarvis-sync-v1';
export const ROOM_ID_INFO = 'room-id';
export const SIGNALING_KEY_INFO = 'signaling-key';
export const AAD_LABEL = 'jarvis-signal-v1';
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
export const MESSAGE_ID_BYTES = 12;
/** Timestamps further than this from the receiver's clock (past or future) are refused. */
export const MAX_AGE_MS = 10 * 60_000;
/** Message ids remembered per sender, and the width of the counter window. */
export const SEEN_PER_SENDER = 1024;
/** Hard cap on senders tracked at once (only authentic senders ever get an entry). */
export const MAX_SENDERS = 1024;

export interface SyncSpaceKeys {
  /** 43-char base64url: HKDF-SHA256(secret, salt 'jarvis-sync-v1', info 'room-id'), 32 bytes. */
  roomId: string;
  /** AES-GCM 256 from HKDF info 'signaling-key'; non-extractable, encrypt/decrypt only. */
  key: CryptoKey;
}

export interface SignalingStats {
  /** Payloads that failed authentication or were malformed, misaddressed or reflected. */
  dropped: number;
  /** Authentic payloads ignored as replays (seen id, counter behind the window, stale time). */
  replays: number;
}

export interface SignalingCipherOptions {
  /** Clock in ms since epoch; Date.now by default (tests inject their own). */
  now?: () => number;
  maxAgeMs?: number;
  seenPerSender?: number;
}

const utf8 = new TextEncoder();

/** A random peer id for one signaling session: 16 random bytes → 22-char base64url. */
export function newPeerId(): string {
  return encodeBase64url(crypto.getRandomValues(new Uint8Array(16)));
}

/** The room id and signaling key of the sync space `secret` (32 bytes). */
export async function deriveSpace(secret: Uint8Array): Promise<SyncSpaceKeys> {
  if (secret.length !== 32) throw new RangeError(`a sync secret is 32 bytes, got ${secret.length}`);
  const ikm = await crypto.subtle.importKey('raw', new Uint8Array(secret), 'HKDF', false, ['deriveBits', 'deriveKey']);
  const salt = utf8.encode(SYNC_SALT);
  const roomBits = await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info: utf8.encode(ROOM_ID_INFO) }, ikm, 256);
  const key = await crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: utf8.encode(SIGNALING_KEY_INFO) },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  return { roomId: encodeBase64url(new Uint8Array(roomBits)), key };
}

interface SenderState {
  seen: Set<string>;
  order: string[];
  highest: number;
  /** Newest (largest) authenticated timestamp from this sender. */
  newestT: number;
}

interface Inner {
  n: number;
  id: string;
  t: number;
  m: unknown;
}

function isInner(value: unknown): value is Inner {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    Number.isSafeInteger(v.n) &&
    (v.n as number) >= 0 &&
    typeof v.id === 'string' &&
    decodeBase64url(v.id, MESSAGE_ID_BYTES) !== null &&
    typeof v.t === 'number' &&
    Number.isFinite(v.t) &&
    'm' in v &&
    v.m !== null
  );
}

/** Seals and opens signaling payloads for one peer (`myPeerId`) in one sync space. */
export class SignalingCipher {
  readonly roomId: string;
  readonly peerId: string;
  private readonly key: CryptoKey;
  private readonly now: () => number;
  private readonly maxAgeMs: number;
  private readonly seenPerSender: number;
  private counter: number;
  private readonly senders = new Map<string, SenderState>();
  private readonly counts: SignalingStats = { dropped: 0, replays: 0 };

  constructor(keys: SyncSpaceKeys, myPeerId: string, options: SignalingCipherOptions = {}) {
    if (!PEER_ID_PATTERN.test(myPeerId)) throw new TypeError('peer id must be 22 chars of base64url');
    this.roomId = keys.roomId;
    this.key = keys.key;
    this.peerId = myPeerId;
    this.now = options.now ?? Date.now;
    this.maxAgeMs = options.maxAgeMs ?? MAX_AGE_MS;
    this.seenPerSender = options.seenPerSender ?? SEEN_PER_SENDER;
    this.counter = Math.max(0, Math.floor(this.now()));
  }

  /** A snapshot of the drop/replay counters. */
  get stats(): SignalingStats {
    return { ...this.counts };
  }

  private aad(from: string, to: string | null): Uint8Array<ArrayBuffer> {
    return utf8.encode(`${AAD_LABEL}|${this.roomId}|${from}|${to ?? '*'}`);
  }

  /**
   * Encrypts `message` (any JSON value but null) from me to peer `to`, or to every other
   * member of the room when `to` is null. Returns the payload for a 'signal' frame.
   */
  async seal(message: unknown, to: string | null): Promise<string> {
    if (to !== null && !PEER_ID_PATTERN.test(to)) throw new TypeError('recipient must be a peer id or null');
    if (message === null || message === undefined) throw new TypeError('signaling message must not be null');
    const m: string | undefined = JSON.stringify(message);
    if (m === undefined) throw new TypeError('signaling message is not JSON-serialisable');
    const id = encodeBase64url(crypto.getRandomValues(new Uint8Array(MESSAGE_ID_BYTES)));
    const json = `{"n":${++this.counter},"id":"${id}","t":${JSON.stringify(this.now())},"m":${m}}`;
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: this.aad(this.peerId, to), tagLength: 128 }, this.key, utf8.encode(json)),
    );
    const out = new Uint8Array(IV_BYTES + sealed.length);
    out.set(iv, 0);
    out.set(sealed, IV_BYTES);
    return encodeBase64url(out);
  }

  /**
   * Opens a payload relayed from peer `from`. `to` is the recipient the frame was addressed
   * to: my peer id, null for a broadcast, or undefined when the transport does not say
   * (the server's 'signal' frame carries only `from`) — then either is accepted. Returns the
   * message, or null when the payload is dropped (counted in stats.dropped) or a replay
   * (counted in stats.replays). Never throws.
   */
  async open(from: string, to: string | null | undefined, payload: string): Promise<unknown | null> {
    const drop = () => {
      this.counts.dropped++;
      return null;
    };
    if (typeof from !== 'string' || !PEER_ID_PATTERN.test(from) || from === this.peerId) return drop();
    if (to !== undefined && to !== null && to !== this.peerId) return drop();
    if (typeof payload !== 'string' || payload.length > SIGNALING_LIMITS.maxFrameBytes) return drop();
    const bytes = decodeBase64url(payload);
    if (!bytes || bytes.length < IV_BYTES + TAG_BYTES) return drop();
    const iv = bytes.subarray(0, IV_BYTES);
    const body = bytes.subarray(IV_BYTES);
    const recipients: (string | null)[] = to === undefined ? [this.peerId, null] : [to];
    let plain: ArrayBuffer | null = null;
    for (const recipient of recipients) {
      try {
        plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: this.aad(from, recipient), tagLength: 128 }, this.key, body);
        break;
      } catch {
        // Authentication failed for this recipient label; try the next, else drop.
      }
    }
    if (!plain) return drop();
    let inner: unknown;
    try {
      inner = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
    } catch {
      return drop();
    }
    if (!isInner(inner)) return drop();
    return this.admit(from, inner) ? inner.m : null;
  }

  /** Replay checks for an authentic message; records it when fresh. */
  private admit(from: string, inner: Inner): boolean {
    const now = this.now();
    this.forgetQuietSenders(now);
    if (Math.abs(now - inner.t) > this.maxAgeMs) {
      this.counts.replays++;
      return false;
    }
    let state = this.senders.get(from);
    if (state && (state.seen.has(inner.id) || inner.n <= state.highest - this.seenPerSender)) {
      this.counts.replays++;
      return false;
    }
    if (!state) {
      if (this.senders.size >= MAX_SENDERS) this.evictOldestSender();
      state = { seen: new Set(), order: [], highest: inner.n, newestT: inner.t };
      this.senders.set(from, state);
    }
    state.seen.add(inner.id);
    state.order.push(inner.id);
    if (state.order.length > this.seenPerSender) state.seen.delete(state.order.shift()!);
    state.highest = Math.max(state.highest, inner.n);
    state.newestT = Math.max(state.newestT, inner.t);
    return true;
  }

  /** A sender whose newest message is already stale can only be replayed stale: forget it. */
  private forgetQuietSenders(now: number): void {
    for (const [peer, state] of this.senders) {
      if (now - state.newestT > this.maxAgeMs) this.senders.delete(peer);
    }
  }

  private evictOldestSender(): void {
    let oldest: string | null = null;
    let oldestT = Infinity;
    for (const [peer, state] of this.senders) {
      if (state.newestT < oldestT) {
        oldest = peer;
        oldestT = state.newestT;
      }
    }
    if (oldest !== null) this.senders.delete(oldest);
  }
}
