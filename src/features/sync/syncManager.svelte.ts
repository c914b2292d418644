// The sync space on this device: its secret, the signaling connection, one PeerLink per
// other device online, and the DataChannels handed to the data worker (where Automerge
// syncs). Everything said through the signaling server is sealed with the space's key.
import { data } from '../../lib/data.ts';
import { Comlink } from '../../lib/workerBridge.ts';
import { bridgeDataChannel } from '../../../workers/sync/channelBridge.ts';
import { decodeBase64url, encodeBase64url } from './base64url.ts';
import { deriveSpace, newPeerId, SignalingCipher } from './envelope.ts';
import { createSecret, encodeLink, parseLink } from './link.ts';
import { PeerLink, type PeerSignal } from './peerLink.ts';
import { defaultSignalingUrl, SignalingClient } from './signalingClient.ts';
import { loadSettings, saveSettings, type KnownDevice } from './syncSettings.ts';

/** What devices say to each other through the (encrypted) signaling channel. */
type SpaceMessage =
  | { kind: 'hello'; device: { id: string; name: string }; catalogue: string; reply: boolean }
  | { kind: 'rotate'; secret: string }
  | PeerSignal;

export type SyncStatus = 'off' | 'offline' | 'connecting' | 'synced';

export interface DeviceRow extends KnownDevice {
  id: string;
  online: boolean;
}

interface Peer {
  link: PeerLink;
  device: { id: string; name: string } | null;
  catalogue: string | null;
  open: boolean;
  followed: boolean;
}

const settings = loadSettings();

export const sync = $state({
  /** The link to this space (null: not in a sync space). */
  link: null as string | null,
  status: 'off' as SyncStatus,
  /** Other devices connected now. */
  connected: 0,
  /** Joined the room and nobody else is there. */
  alone: false,
  deviceName: settings.device.name,
  devices: [] as DeviceRow[],
  message: null as string | null,
});

let signaling: SignalingClient | null = null;
let cipher: SignalingCipher | null = null;
let joinedRoom = false;
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- connection objects; the UI reads `sync`
const peers = new Map<string, Peer>();
/** Who the signaling server says is in the room now, and how often each link had to be rebuilt. */
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not shown
const inRoom = new Map<string, number>();

function refresh(): void {
  const open = [...peers.values()].filter((p) => p.open);
  sync.connected = open.length;
  if (!sync.link) sync.status = 'off';
  else if (!navigator.onLine || !signaling) sync.status = 'offline';
  else if (!signaling.connected && open.length === 0) sync.status = 'connecting';
  else if (!joinedRoom || (open.length === 0 && peers.size > 0)) sync.status = 'connecting';
  else sync.status = 'synced';
  sync.alone = joinedRoom && peers.size === 0;
  const online = new Set(open.map((p) => p.device?.id).filter(Boolean));
  sync.devices = Object.entries(settings.devices)
    .map(([id, device]) => ({ id, ...device, online: online.has(id) }))
    .sort((a, b) => Number(b.online) - Number(a.online) || b.lastSeen - a.lastSeen);
}

function seen(device: { id: string; name: string }): void {
  settings.devices[device.id] = { name: device.name.slice(0, 60), lastSeen: Date.now() };
  saveSettings(settings);
}

// Sealing and opening are asynchronous (WebCrypto): both run through one queue each, so an
// answer is never overtaken by its own ICE candidates.
let sending: Promise<void> = Promise.resolve();
let receiving: Promise<void> = Promise.resolve();

function say(message: SpaceMessage, to: string): Promise<void> {
  const [currentCipher, currentSignaling] = [cipher, signaling];
  if (!currentCipher || !currentSignaling) return Promise.resolve();
  sending = sending.then(async () => currentSignaling.send(to, await currentCipher.seal(message, to))).catch(() => undefined);
  return sending;
}

async function hello(to: string, reply: boolean): Promise<void> {
  const catalogue = await (await data()).catalogueId();
  await say({ kind: 'hello', device: settings.device, catalogue, reply }, to);
}

function peer(id: string): Peer {
  let entry = peers.get(id);
  if (entry) return entry;
  const polite = cipher!.peerId > id;
  const link = new PeerLink(polite, settings.iceServers, {
    signal: (message) => void say(message, id),
    open: (channel) => {
      const current = peers.get(id);
      if (!current) return;
      current.open = true;
      if (inRoom.has(id)) inRoom.set(id, 0);
      const { port1, port2 } = new MessageChannel();
      bridgeDataChannel(channel, port1);
      void data().then((api) => api.addPeerChannel(Comlink.transfer(port2, [port2])));
      void follow(current);
      if (current.device) seen(current.device);
      refresh();
    },
    closed: () => {
      const current = peers.get(id);
      if (current?.device && current.open) seen(current.device);
      peers.delete(id);
      refresh();
      relink(id);
    },
  });
  entry = { link, device: null, catalogue: null, open: false, followed: false };
  peers.set(id, entry);
  refresh();
  return entry;
}

/** A link that dropped while both devices are still in the room is rebuilt, with backoff. */
function relink(id: string): void {
  const attempts = inRoom.get(id);
  if (attempts === undefined || !signaling) return;
  inRoom.set(id, attempts + 1);
  const current = signaling;
  setTimeout(() => {
    if (signaling !== current || !inRoom.has(id) || peers.has(id)) return;
    peer(id);
    void hello(id, false);
  }, Math.min(30_000, 1000 * 2 ** attempts));
}

/** Once a device's channel is open and its catalogue id known, list everything it holds. */
async function follow(entry: Peer): Promise<void> {
  if (!entry.open || !entry.catalogue || entry.followed) return;
  entry.followed = true;
  try {
    await (await data()).followCatalogue(entry.catalogue);
  } catch {
    entry.followed = false; // not found this time; the next connection asks again
  }
}

async function received(from: string, payload: string): Promise<void> {
  // Everything is addressed to one device (no broadcasts), so a payload meant for another is dropped.
  const message = cipher ? await cipher.open(from, cipher.peerId, payload) : null;
  if (!message || typeof message !== 'object') return; // forged, replayed or not for us: dropped
  const m = message as SpaceMessage;
  if (m.kind === 'hello') {
    if (typeof m.catalogue !== 'string' || typeof m.device?.id !== 'string') return;
    const entry = peer(from);
    entry.device = { id: m.device.id, name: String(m.device.name ?? 'Device') };
    entry.catalogue = m.catalogue;
    seen(entry.device);
    if (!m.reply) void hello(from, true);
    void follow(entry);
    refresh();
  } else if (m.kind === 'sdp' || m.kind === 'ice') {
    await peer(from).link.receive(m);
  } else if (m.kind === 'rotate') {
    const secret = decodeBase64url(m.secret, 32);
    if (secret) await enter(secret);
  }
}

/** Starts (or restarts) syncing in the space of `secret`. */
async function enter(secret: Uint8Array): Promise<void> {
  stopConnections();
  const keys = await deriveSpace(secret);
  const peerId = newPeerId();
  cipher = new SignalingCipher(keys, peerId);
  settings.secret = encodeBase64url(secret);
  saveSettings(settings);
  sync.link = await encodeLink(location.origin, secret);
  joinedRoom = false;
  signaling = new SignalingClient(settings.signalingUrl || defaultSignalingUrl(), keys.roomId, peerId, {
    joined: (others) => {
      joinedRoom = true;
      sync.message = null;
      inRoom.clear();
      for (const other of others) {
        inRoom.set(other, 0);
        peer(other);
        void hello(other, false);
      }
      refresh();
    },
    peerJoined: (other) => {
      inRoom.set(other, 0);
      peer(other);
    },
    peerLeft: (other) => {
      inRoom.delete(other);
      peers.get(other)?.link.close();
    },
    signal: (from, payload) => {
      receiving = receiving.then(() => received(from, payload)).catch(() => undefined);
    },
    disconnected: (reason) => {
      joinedRoom = false;
      sync.message = `Cannot reach the signaling server (${reason}); retrying.`;
      refresh();
    },
  });
  signaling.start();
  refresh();
}

function stopConnections(): void {
  signaling?.stop();
  signaling = null;
  inRoom.clear();
  for (const entry of [...peers.values()]) entry.link.close();
  peers.clear();
  joinedRoom = false;
}

/** At start-up: rejoin the space this device is in, if any. */
export function resumeSync(): void {
  const secret = () => (settings.secret ? decodeBase64url(settings.secret, 32) : null);
  const start = secret();
  if (start && navigator.onLine) void enter(start);
  else if (start) void encodeLink(location.origin, start).then((link) => ((sync.link = link), refresh()));
  // Offline: drop the links (they are dead or dying) and say so; back online: reconnect.
  // Edits made meanwhile are in IndexedDB and sync when the devices meet again.
  addEventListener('offline', () => {
    stopConnections();
    refresh();
  });
  addEventListener('online', () => {
    const current = secret();
    if (current) void enter(current);
  });
}

export async function createSpace(): Promise<void> {
  await enter(createSecret());
}

/** Joins the space of a pasted or opened link; a damaged link changes nothing. */
export async function joinSpace(text: string): Promise<{ ok: true } | { ok: false; message: string }> {
  const parsed = await parseLink(text);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  await enter(parsed.secret);
  return { ok: true };
}

export function leaveSpace(): void {
  stopConnections();
  settings.secret = null;
  saveSettings(settings);
  sync.link = null;
  sync.message = null;
  refresh();
}

/**
 * A new secret for the devices online now (sent to each over the encrypted channel); a
 * device that is not online — a lost phone — keeps the old one and can no longer sync.
 */
export async function rotateSpace(): Promise<number> {
  const secret = createSecret();
  const online = [...peers.entries()].filter(([, p]) => p.open).map(([id]) => id);
  await Promise.all(online.map((id) => say({ kind: 'rotate', secret: encodeBase64url(secret) }, id)));
  await enter(secret);
  return online.length;
}

export function renameDevice(name: string): void {
  settings.device.name = name.trim().slice(0, 60) || settings.device.name;
  sync.deviceName = settings.device.name;
  saveSettings(settings);
  for (const id of peers.keys()) void hello(id, true);
}

/** Header text: "Offline", "Connecting" or "Synced · N devices". */
export function statusText(): string {
  if (sync.status === 'offline') return 'Offline';
  if (sync.status === 'connecting') return 'Connecting';
  return `Synced · ${sync.connected} ${sync.connected === 1 ? 'device' : 'devices'}`;
}
