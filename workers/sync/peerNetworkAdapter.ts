// An automerge-repo network adapter over point-to-point ByteChannels (WebRTC DataChannels,
// or MessagePorts the page pumps to DataChannels). One adapter per device serves all of its
// remote devices: the sync manager adds a channel whenever a DataChannel to some device
// opens, and the channel's closing removes it.
//
// Handshake, as in automerge-repo's MessageChannel/BroadcastChannel adapters: when a channel
// is added (or the repo connects) this side sends
//   { type: 'arrive', senderId, peerMetadata }
// the other side answers
//   { type: 'welcome', senderId, targetId, peerMetadata }
// and each side emits 'peer-candidate' for the other once (an arrive crossing an arrive is
// answered, the later welcome is then a no-op). `disconnect()` sends { type: 'leave' }.
// Messages whose type starts with "jarvis-" are the app's own (the bulk first contact,
// workers/data/bulkJoin.ts), handed to `onControl`; everything else is an automerge-repo
// message, routed by targetId. All CBOR-encoded with automerge-repo's own encoder (cbor-x,
// Uint8Arrays as byte strings).

import { cbor, NetworkAdapter, type Message, type PeerId, type PeerMetadata } from '@automerge/automerge-repo/slim';
import type { ByteChannel } from './byteChannel.ts';

type ArriveMessage = { type: 'arrive'; senderId: PeerId; peerMetadata?: PeerMetadata };
type WelcomeMessage = { type: 'welcome'; senderId: PeerId; targetId: PeerId; peerMetadata?: PeerMetadata };
type LeaveMessage = { type: 'leave'; senderId: PeerId };
export type HandshakeMessage = ArriveMessage | WelcomeMessage | LeaveMessage;

interface Link {
  channel: ByteChannel;
  /** The remote repo's peer id, once it said hello on this channel. */
  remote: PeerId | null;
}

/** A message of the app's own between two devices (not for the repo). */
export interface ControlMessage {
  type: `jarvis-${string}`;
  senderId: PeerId;
  targetId: PeerId;
  [field: string]: unknown;
}

export interface PeerNetworkAdapterOptions {
  /**
   * The repo waits for its adapters to be ready before it declares a document it cannot
   * find locally unavailable. Ready = after connect(), every channel open then has done
   * its hello, or this long after the first connect() (default 1000 ms, as automerge-repo's
   * BroadcastChannel adapter waits for peers).
   */
  peerWaitMs?: number;
}

export class PeerNetworkAdapter extends NetworkAdapter {
  #links = new Set<Link>();
  #byPeer = new Map<PeerId, Link>();
  #connected = false;
  #ready = false;
  #markReady: () => void = () => undefined;
  #readyPromise: Promise<void>;
  #readyTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #peerWaitMs: number;
  /** Messages dropped as malformed, misaddressed or from a peer that never said hello. */
  dropped = 0;
  /** Added to the peer metadata this device sends in its hello (e.g. its catalogue id). */
  extraMetadata: Record<string, string> = {};
  /** Receives the app's own messages ("jarvis-…") from peers that said hello. */
  onControl: ((message: ControlMessage) => void) | null = null;
  /** The metadata each peer sent in its hello, while its channel is open. */
  readonly #metadata = new Map<PeerId, PeerMetadata & Record<string, unknown>>();

  constructor(options: PeerNetworkAdapterOptions = {}) {
    super();
    this.#peerWaitMs = options.peerWaitMs ?? 1000;
    this.#readyPromise = new Promise<void>((resolve) => {
      this.#markReady = () => {
        if (this.#ready) return;
        this.#ready = true;
        clearTimeout(this.#readyTimer);
        resolve();
      };
    });
  }

  isReady(): boolean {
    return this.#ready;
  }

  whenReady(): Promise<void> {
    return this.#readyPromise;
  }

  /** Peers that said hello on an open channel (for "Synced · N devices"). */
  get peers(): PeerId[] {
    return [...this.#byPeer.keys()];
  }

  /** The number of channels added and not yet closed (handshaken or not). */
  get channelCount(): number {
    return this.#links.size;
  }

  connect(peerId: PeerId, peerMetadata?: PeerMetadata): void {
    if (this.#connected) this.disconnect();
    this.peerId = peerId;
    this.peerMetadata = peerMetadata;
    this.#connected = true;
    if (!this.#ready && this.#readyTimer === undefined) this.#readyTimer = setTimeout(() => this.#markReady(), this.#peerWaitMs);
    for (const link of this.#links) this.#sendArrive(link);
  }

  disconnect(): void {
    if (!this.#connected) return;
    const senderId = this.peerId as PeerId;
    for (const link of this.#links) this.#write(link, { type: 'leave', senderId } satisfies LeaveMessage);
    for (const link of [...this.#byPeer.values()]) this.#forget(link);
    this.#connected = false;
  }

  /**
   * Starts using an open channel to one other device. Closing the channel (from either
   * end) removes it; the returned function removes it without closing it.
   */
  addChannel(channel: ByteChannel): () => void {
    const link: Link = { channel, remote: null };
    this.#links.add(link);
    channel.onmessage = (bytes) => this.#receive(link, bytes);
    channel.onclose = () => this.#remove(link);
    if (!channel.open) {
      this.#remove(link);
      return () => undefined;
    }
    if (this.#connected) this.#sendArrive(link);
    return () => {
      if (channel.onmessage) channel.onmessage = null;
      channel.onclose = null;
      this.#remove(link);
    };
  }

  send(message: Message): void {
    if (!this.#connected) return;
    const link = this.#byPeer.get(message.targetId);
    if (!link) return;
    this.#write(link, message);
  }

  /** Sends one of the app's own messages to a peer that said hello (false: no such peer now). */
  sendControl(targetId: PeerId, type: ControlMessage['type'], fields: Record<string, unknown> = {}): boolean {
    const link = this.#byPeer.get(targetId);
    if (!this.#connected || !link) return false;
    this.#write(link, { ...fields, type, senderId: this.peerId as PeerId, targetId });
    return true;
  }

  /** What `peerId` said about itself in its hello (undefined once it is gone). */
  metadataOf(peerId: PeerId): (PeerMetadata & Record<string, unknown>) | undefined {
    return this.#metadata.get(peerId);
  }

  #localMetadata(): PeerMetadata {
    return { ...this.peerMetadata, ...this.extraMetadata } as PeerMetadata;
  }

  #sendArrive(link: Link): void {
    this.#write(link, { type: 'arrive', senderId: this.peerId as PeerId, peerMetadata: this.#localMetadata() } satisfies ArriveMessage);
  }

  #write(link: Link, message: Message | HandshakeMessage | ControlMessage): void {
    if (!link.channel.open) return;
    link.channel.send(cbor.encode(message));
  }

  #receive(link: Link, bytes: Uint8Array): void {
    if (!this.#connected) return;
    let message: unknown;
    try {
      message = cbor.decode(bytes);
    } catch {
      this.dropped++;
      return;
    }
    if (!isMessageLike(message)) {
      this.dropped++;
      return;
    }
    const { senderId } = message;
    switch (message.type) {
      case 'arrive': {
        const arrive = message as ArriveMessage;
        this.#write(link, {
          type: 'welcome',
          senderId: this.peerId as PeerId,
          targetId: senderId,
          peerMetadata: this.#localMetadata(),
        } satisfies WelcomeMessage);
        // An arrive on a channel whose peer is known: that repo reconnected and starts afresh.
        if (link.remote !== null) this.#forget(link);
        this.#announce(link, senderId, arrive.peerMetadata);
        break;
      }
      case 'welcome': {
        const welcome = message as WelcomeMessage;
        if (welcome.targetId !== this.peerId) {
          this.dropped++;
          return;
        }
        if (link.remote === senderId) return; // our arrives crossed: already announced
        if (link.remote !== null) this.#forget(link);
        this.#announce(link, senderId, welcome.peerMetadata);
        break;
      }
      case 'leave':
        if (link.remote === senderId) this.#forget(link);
        break;
      default: {
        // Only from the peer that said hello on this channel, and only for us.
        const fromThisLink = link.remote !== null && senderId === link.remote;
        if (!fromThisLink || (message as { targetId?: unknown }).targetId !== this.peerId) {
          this.dropped++;
          return;
        }
        if (message.type.startsWith('jarvis-')) this.onControl?.(message as ControlMessage);
        else this.emit('message', message as Message);
      }
    }
  }

  #announce(link: Link, peerId: PeerId, peerMetadata: PeerMetadata | undefined): void {
    // A second channel to the same device (a reconnect racing the old one's close) takes
    // over; the repo sees the old peer leave first so its sync state starts afresh.
    const previous = this.#byPeer.get(peerId);
    if (previous && previous !== link) {
      this.#forget(previous);
      previous.channel.close();
    }
    link.remote = peerId;
    this.#byPeer.set(peerId, link);
    this.#metadata.set(peerId, { ...(peerMetadata ?? {}) });
    if ([...this.#links].every((l) => l.remote !== null)) this.#markReady();
    this.emit('peer-candidate', { peerId, peerMetadata: peerMetadata ?? {} });
  }

  /** The remote of `link` is gone (left, replaced or closed): tell the repo. */
  #forget(link: Link): void {
    const peerId = link.remote;
    if (peerId === null) return;
    link.remote = null;
    if (this.#byPeer.get(peerId) === link) {
      this.#byPeer.delete(peerId);
      this.#metadata.delete(peerId);
    }
    this.emit('peer-disconnected', { peerId });
  }

  #remove(link: Link): void {
    if (!this.#links.delete(link)) return;
    this.#forget(link);
  }
}

function isMessageLike(value: unknown): value is { type: string; senderId: PeerId } {
  if (typeof value !== 'object' || value === null) return false;
  const { type, senderId } = value as { type?: unknown; senderId?: unknown };
  return typeof type === 'string' && typeof senderId === 'string';
}
