// DeviceMotionEvent: acceleration without gravity, with gravity (m/s²) and rotation rate (°/s).
import type { Availability, Reading, SensorSource } from '../types.ts';
import {
  AVAILABLE,
  NEEDS_PERMISSION,
  allNull,
  denied,
  eventTarget,
  globals,
  num,
  queryPermissions,
  unavailable,
  type PermissionName,
} from './common.ts';

export const MOTION_CHANNELS = [
  'motion.ax', 'motion.ay', 'motion.az',
  'motion.gx', 'motion.gy', 'motion.gz',
  'motion.ra', 'motion.rb', 'motion.rg',
];

const NO_MOTION = 'This browser or device has no motion sensors (it sends no motion readings).';

type RequestPermission = () => Promise<'granted' | 'denied' | 'default'>;

interface EventClass {
  requestPermission?: RequestPermission;
}

/**
 * Availability of a device event family (motion or orientation). Browsers that answer the
 * Permissions API (Chromium: accelerometer + gyroscope) are believed; otherwise an event class
 * with `requestPermission` (iOS Safari) needs a tap first, once per page load.
 */
export async function deviceEventAvailability(
  eventClass: EventClass | undefined,
  permissions: PermissionName[],
  grantedThisPage: boolean,
  missing: string,
): Promise<Availability> {
  if (!eventClass || !eventTarget()) return unavailable(missing);
  const state = await queryPermissions(permissions);
  if (state === 'denied') return denied();
  if (state === 'granted') return AVAILABLE;
  if (typeof eventClass.requestPermission === 'function' && !grantedThisPage) return NEEDS_PERMISSION;
  return AVAILABLE;
}

/** Runs `requestPermission` (from a tap), or just re-checks where there is none. */
export async function requestDeviceEventPermission(eventClass: EventClass | undefined): Promise<'granted' | 'denied' | 'none'> {
  if (typeof eventClass?.requestPermission !== 'function') return 'none';
  try {
    return (await eventClass.requestPermission()) === 'granted' ? 'granted' : 'denied';
  } catch {
    // Safari throws when not called from a user gesture; say denied rather than throw.
    return 'denied';
  }
}

let grantedThisPage = false;

function motionClass(): EventClass | undefined {
  return globals().DeviceMotionEvent as EventClass | undefined;
}

export function motionReading(e: DeviceMotionEvent): Reading {
  const a = e.acceleration;
  const g = e.accelerationIncludingGravity;
  const r = e.rotationRate;
  return {
    'motion.ax': num(a?.x), 'motion.ay': num(a?.y), 'motion.az': num(a?.z),
    'motion.gx': num(g?.x), 'motion.gy': num(g?.y), 'motion.gz': num(g?.z),
    'motion.ra': num(r?.alpha), 'motion.rb': num(r?.beta), 'motion.rg': num(r?.gamma),
  };
}

export const deviceMotion: SensorSource = {
  kind: 'motion',
  label: 'Motion',
  channels: MOTION_CHANNELS,
  availability: () =>
    deviceEventAvailability(motionClass(), ['accelerometer', 'gyroscope'], grantedThisPage, 'This browser has no motion events (DeviceMotionEvent).'),
  async requestPermission() {
    const answer = await requestDeviceEventPermission(motionClass());
    if (answer === 'denied') return denied();
    if (answer === 'granted') grantedThisPage = true;
    return this.availability();
  },
  start(onReading, _hz, onAvailability) {
    // devicemotion arrives at the device's own rate (about 60 Hz in Chromium); `hz` cannot change it.
    const target = eventTarget();
    if (!target) return () => {};
    let seenValue = false;
    let saidUnavailable = false;
    const listener = (event: Event) => {
      const reading = motionReading(event as DeviceMotionEvent);
      if (allNull(reading)) {
        // Chromium sends one all-null event when it cannot start the sensors (none, or no permission).
        if (!seenValue && !saidUnavailable) {
          saidUnavailable = true;
          onAvailability?.(unavailable(NO_MOTION));
        }
        return;
      }
      if (saidUnavailable) {
        saidUnavailable = false;
        onAvailability?.(AVAILABLE);
      }
      seenValue = true;
      onReading(reading);
    };
    target.addEventListener('devicemotion', listener);
    return () => target.removeEventListener('devicemotion', listener);
  },
};
