// What this device remembers about sync, in localStorage (device-local, never synced):
// the space's secret, this device's id and name, the devices seen, and connection settings.
import { encodeBase64url } from './base64url.ts';

export interface KnownDevice {
  name: string;
  lastSeen: number;
}

export interface SyncSettings {
  /** base64url of the 32-byte secret, or null when not in a sync space. */
  secret: string | null;
  device: { id: string; name: string };
  devices: Record<string, KnownDevice>;
  /** STUN/TURN servers; none by default (enough on a LAN). */
  iceServers: RTCIceServer[];
  /** '' = this app's own server. */
  signalingUrl: string;
}

const KEY = 'jarvis.sync';

function defaultName(): string {
  const ua = navigator.userAgent;
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iPhone' : /Mac/.test(ua) ? 'Mac' : /Windows/.test(ua) ? 'Windows' : /Linux/.test(ua) ? 'Linux' : 'device';
  return `Jarvis on ${os}`;
}

export function loadSettings(): SyncSettings {
  let stored: Partial<SyncSettings> = {};
  try {
    stored = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<SyncSettings>;
  } catch {
    // Unreadable: start afresh (the secret can be re-entered from another device's link).
  }
  return {
    secret: typeof stored.secret === 'string' ? stored.secret : null,
    device:
      typeof stored.device?.id === 'string'
        ? { id: stored.device.id, name: String(stored.device.name || defaultName()) }
        : { id: encodeBase64url(crypto.getRandomValues(new Uint8Array(16))), name: defaultName() },
    devices: stored.devices && typeof stored.devices === 'object' ? stored.devices : {},
    iceServers: Array.isArray(stored.iceServers) ? stored.iceServers : [],
    signalingUrl: typeof stored.signalingUrl === 'string' ? stored.signalingUrl : '',
  };
}

export function saveSettings(settings: SyncSettings): void {
  localStorage.setItem(KEY, JSON.stringify(settings));
}

/** "stun:stun.example.org:3478, turn:user:pass@turn.example.org" → RTCIceServer[]; null when malformed. */
export function parseIceServers(text: string): RTCIceServer[] | null {
  const entries = text.split(/[\s,]+/).filter(Boolean);
  const servers: RTCIceServer[] = [];
  for (const entry of entries) {
    const match = /^(stuns?|turns?):(?:([^:@]+):([^@]+)@)?([^\s]+)$/.exec(entry);
    if (!match) return null;
    const [, scheme, username, credential, host] = match;
    servers.push(username ? { urls: `${scheme}:${host}`, username, credential } : { urls: `${scheme}:${host}` });
  }
  return servers;
}

export function formatIceServers(servers: RTCIceServer[]): string {
  return servers
    .map((s) => {
      const url = Array.isArray(s.urls) ? s.urls[0] : s.urls;
      if (!s.username) return url;
      const [scheme, ...rest] = url.split(':');
      return `${scheme}:${s.username}:${String(s.credential ?? '')}@${rest.join(':')}`;
    })
    .join(', ');
}
