// Every sensor source, in the order the Sensors section shows them, and how to show a channel.
import type { SensorKind, SensorSource } from '../types.ts';
import { battery } from './battery.ts';
import { deviceMotion } from './deviceMotion.ts';
import { deviceOrientation } from './deviceOrientation.ts';
import { GENERIC_SOURCES } from './genericSensors.ts';
import { geolocation } from './geolocation.ts';
import { EFFECTIVE_TYPES, network } from './network.ts';

export const SOURCES: SensorSource[] = [deviceMotion, deviceOrientation, ...GENERIC_SOURCES, geolocation, battery, network];

export function sourceByKind(kind: SensorKind): SensorSource | undefined {
  return SOURCES.find((s) => s.kind === kind);
}

export interface ChannelInfo {
  /** Short label within its card, e.g. "x (with gravity)". */
  label: string;
  unit: string;
  /** The value as shown, without the unit ("—" when unknown). */
  format(value: number | null): string;
}

const fixed = (digits: number) => (v: number | null) => (v === null ? '—' : v.toFixed(digits));
const info = (label: string, unit: string, digits: number): ChannelInfo => ({ label, unit, format: fixed(digits) });

const SPECIAL: Record<string, ChannelInfo> = {
  'motion.ax': info('x', 'm/s²', 2), 'motion.ay': info('y', 'm/s²', 2), 'motion.az': info('z', 'm/s²', 2),
  'motion.gx': info('x with gravity', 'm/s²', 2), 'motion.gy': info('y with gravity', 'm/s²', 2), 'motion.gz': info('z with gravity', 'm/s²', 2),
  'motion.ra': info('rotation α', '°/s', 1), 'motion.rb': info('rotation β', '°/s', 1), 'motion.rg': info('rotation γ', '°/s', 1),
  'orientation.alpha': info('alpha', '°', 1), 'orientation.beta': info('beta', '°', 1), 'orientation.gamma': info('gamma', '°', 1),
  'orientation.heading': info('heading', '°', 0),
  'light.lux': info('illuminance', 'lx', 0),
  'geolocation.lat': info('latitude', '°', 6), 'geolocation.lon': info('longitude', '°', 6),
  'geolocation.accuracy': info('accuracy', 'm', 0), 'geolocation.speed': info('speed', 'm/s', 1),
  'battery.level': { label: 'level', unit: '%', format: (v) => (v === null ? '—' : Math.round(v * 100).toString()) },
  'battery.charging': { label: 'charging', unit: '', format: (v) => (v === null ? '—' : v ? 'yes' : 'no') },
  'battery.chargingTime': { label: 'full in', unit: '', format: (v) => duration(v, 'already full') },
  'battery.dischargingTime': { label: 'empty in', unit: '', format: (v) => duration(v, 'unknown') },
  'network.downlink': info('downlink', 'Mb/s', 2), 'network.rtt': info('round trip', 'ms', 0),
  'network.effectiveType': { label: 'effective type', unit: '', format: (v) => (v === null ? '—' : (EFFECTIVE_TYPES[v - 1] ?? '—')) },
};

const XYZ_UNITS: Partial<Record<string, string>> = {
  accelerometer: 'm/s²', linearAcceleration: 'm/s²', gravity: 'm/s²', gyroscope: 'rad/s', magnetometer: 'µT',
};

function duration(seconds: number | null, zero: string): string {
  if (seconds === null) return '—';
  if (seconds === 0) return zero;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function channelInfo(channel: string): ChannelInfo {
  const known = SPECIAL[channel];
  if (known) return known;
  const [family, axis = channel] = channel.split('.');
  if (/^q[xyzw]$/.test(axis)) return info(axis, '', 3);
  return info(axis, XYZ_UNITS[family] ?? '', 2);
}
