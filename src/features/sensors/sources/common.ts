// Helpers shared by the sensor sources: globals looked up at call time (so tests can stub
// them), permission queries that never throw, and the plain-words help texts.
import type { Availability, Reading } from '../types.ts';

/** The page's globals, loosely typed: every API here may be missing. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = Record<string, any>;

export function globals(): Loose {
  return globalThis as unknown as Loose;
}

/** The window (an EventTarget) where device events arrive, or null outside a page. */
export function eventTarget(): EventTarget | null {
  const g = globals();
  const w = g.window ?? g;
  return typeof w?.addEventListener === 'function' ? (w as EventTarget) : null;
}

export type PermissionName = 'accelerometer' | 'gyroscope' | 'magnetometer' | 'ambient-light-sensor' | 'geolocation';

/** 'granted' | 'denied' | 'prompt', or null when the browser cannot say (no API, unknown name). */
export async function queryPermission(name: PermissionName): Promise<PermissionState | null> {
  const permissions = globals().navigator?.permissions;
  if (typeof permissions?.query !== 'function') return null;
  try {
    const status = await permissions.query({ name });
    return (status?.state as PermissionState) ?? null;
  } catch {
    return null;
  }
}

/** The combined state of several permissions: any denied wins, then prompt, then granted; null when none is known. */
export async function queryPermissions(names: PermissionName[]): Promise<PermissionState | null> {
  const states = await Promise.all(names.map(queryPermission));
  if (states.includes('denied')) return 'denied';
  if (states.includes('prompt')) return 'prompt';
  if (states.includes('granted')) return 'granted';
  return null;
}

export const AVAILABLE: Availability = { state: 'available' };
export const NEEDS_PERMISSION: Availability = { state: 'needs-permission' };

export const MOTION_DENIED_HELP =
  'Allow motion sensors for this site in the browser’s site settings (on iPhone: Settings › Safari › Motion & Orientation Access), then reload the page.';

export function denied(help = MOTION_DENIED_HELP): Availability {
  return { state: 'denied', help };
}

export function unavailable(reason: string): Availability {
  return { state: 'unavailable', reason };
}

/** A reading with every channel null. */
export function emptyReading(channels: string[]): Reading {
  return Object.fromEntries(channels.map((c) => [c, null]));
}

/** A finite number, or null (null, undefined, NaN and ±Infinity all mean "unknown"). */
export function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function allNull(reading: Reading): boolean {
  return Object.values(reading).every((v) => v === null);
}
