// What the two device event families (devicemotion, deviceorientation) share: how their
// availability is judged and their permission asked, and how an all-null reading (the
// browser saying it has no such sensors) turns into "unavailable" and back.
import type { Availability, Reading, SensorSource } from '../types.ts';
import { AVAILABLE, NEEDS_PERMISSION, allNull, denied, eventTarget, queryPermissions, unavailable } from './common.ts';

interface EventClass {
  requestPermission?: () => Promise<'granted' | 'denied' | 'default'>;
}

/**
 * `availability` and `requestPermission` for one event family. Browsers that answer the
 * Permissions API (Chromium: accelerometer + gyroscope) are believed; otherwise an event
 * class with `requestPermission` (iOS Safari) needs a tap first, once per page load.
 */
export function deviceEventPermission(
  eventClass: () => EventClass | undefined,
  missing: string,
): Pick<SensorSource, 'availability' | 'requestPermission'> {
  let grantedThisPage = false;
  const availability = async (): Promise<Availability> => {
    const events = eventClass();
    if (!events || !eventTarget()) return unavailable(missing);
    const state = await queryPermissions(['accelerometer', 'gyroscope']);
    if (state === 'denied') return denied();
    if (state === 'granted') return AVAILABLE;
    if (typeof events.requestPermission === 'function' && !grantedThisPage) return NEEDS_PERMISSION;
    return AVAILABLE;
  };
  return {
    availability,
    async requestPermission() {
      const ask = eventClass()?.requestPermission;
      if (typeof ask === 'function') {
        try {
          if ((await ask()) !== 'granted') return denied();
          grantedThisPage = true;
        } catch {
          // Safari throws when not called from a user gesture; say denied rather than throw.
          return denied();
        }
      }
      return availability();
    },
  };
}

/**
 * Passes readings on, except all-null ones: Chromium sends one all-null event when it cannot
 * start the sensors (none, or no permission), which says "unavailable" until values come.
 */
export function nullAware(
  onReading: (reading: Reading) => void,
  onAvailability: ((availability: Availability) => void) | undefined,
  noReadings: string,
): (reading: Reading) => void {
  let seenValue = false;
  let saidUnavailable = false;
  return (reading) => {
    if (allNull(reading)) {
      if (!seenValue && !saidUnavailable) {
        saidUnavailable = true;
        onAvailability?.(unavailable(noReadings));
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
}
