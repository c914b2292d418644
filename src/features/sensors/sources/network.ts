// Network Information API: downlink (Mb/s), round-trip time (ms), effective type (slow-2g=1 … 4g=4).
import type { Reading, SensorSource } from '../types.ts';
import { AVAILABLE, globals, num, unavailable } from './common.ts';

export const NETWORK_CHANNELS = ['network.downlink', 'network.rtt', 'network.effectiveType'];
export const EFFECTIVE_TYPES = ['slow-2g', '2g', '3g', '4g'];

const MISSING = 'This browser does not describe the network connection (no Network Information API).';

interface ConnectionLike extends EventTarget {
  downlink?: number;
  rtt?: number;
  effectiveType?: string;
}

function connection(): ConnectionLike | undefined {
  const c = globals().navigator?.connection;
  return c && typeof c.addEventListener === 'function' ? c : undefined;
}

/** slow-2g → 1, 2g → 2, 3g → 3, 4g → 4; anything else → null. */
export function effectiveTypeNumber(type: string | undefined): number | null {
  const i = EFFECTIVE_TYPES.indexOf(type ?? '');
  return i < 0 ? null : i + 1;
}

export function networkReading(c: ConnectionLike): Reading {
  return {
    'network.downlink': num(c.downlink),
    'network.rtt': num(c.rtt),
    'network.effectiveType': effectiveTypeNumber(c.effectiveType),
  };
}

export const network: SensorSource = {
  kind: 'network',
  label: 'Network',
  channels: NETWORK_CHANNELS,
  availability: async () => (connection() ? AVAILABLE : unavailable(MISSING)),
  requestPermission() {
    return this.availability();
  },
  start(onReading) {
    const c = connection();
    if (!c) return () => {};
    const listener = () => onReading(networkReading(c));
    c.addEventListener('change', listener);
    listener();
    return () => c.removeEventListener('change', listener);
  },
};
