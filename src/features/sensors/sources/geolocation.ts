// Geolocation, opt-in: nothing is asked until the user turns it on (remembered in localStorage).
import type { Availability, Reading, SensorSource } from '../types.ts';
import { AVAILABLE, NEEDS_PERMISSION, denied, globals, num, queryPermission, unavailable } from './common.ts';

export const GEOLOCATION_CHANNELS = ['geolocation.lat', 'geolocation.lon', 'geolocation.accuracy', 'geolocation.speed'];
export const GEOLOCATION_OPT_IN_KEY = 'jarvis.sensors.geolocation';

const DENIED_HELP = 'Allow location for this site in the browser’s site settings (the icon beside the address), then tap “Turn on” again.';
const PERMISSION_DENIED = 1;

function geolocationApi(): Geolocation | undefined {
  return globals().navigator?.geolocation as Geolocation | undefined;
}

function storage(): Storage | undefined {
  try {
    return globals().localStorage as Storage | undefined;
  } catch {
    return undefined; // storage blocked
  }
}

export function geolocationOptedIn(): boolean {
  return storage()?.getItem(GEOLOCATION_OPT_IN_KEY) === 'on';
}

function setOptIn(on: boolean): void {
  try {
    if (on) storage()?.setItem(GEOLOCATION_OPT_IN_KEY, 'on');
    else storage()?.removeItem(GEOLOCATION_OPT_IN_KEY);
  } catch {
    // storage full or blocked: the opt-in lasts for this page only
  }
}

/** Turns location off again (forgets the opt-in; the browser's permission is the user's to change). */
export function turnOffGeolocation(): void {
  setOptIn(false);
}

export function positionReading(position: GeolocationPosition): Reading {
  const c = position.coords;
  return {
    'geolocation.lat': num(c.latitude),
    'geolocation.lon': num(c.longitude),
    'geolocation.accuracy': num(c.accuracy),
    'geolocation.speed': num(c.speed),
  };
}

function fromError(error: GeolocationPositionError): Availability {
  if (error.code === PERMISSION_DENIED) return denied(DENIED_HELP);
  return AVAILABLE; // no fix yet or a timeout: keep watching
}

export const geolocation: SensorSource = {
  kind: 'geolocation',
  label: 'Location',
  channels: GEOLOCATION_CHANNELS,
  async availability() {
    if (!geolocationApi()) return unavailable('This browser has no geolocation.');
    if (!geolocationOptedIn()) return NEEDS_PERMISSION;
    const state = await queryPermission('geolocation');
    if (state === 'denied') return denied(DENIED_HELP);
    return AVAILABLE;
  },
  requestPermission() {
    const api = geolocationApi();
    if (!api) return Promise.resolve(unavailable('This browser has no geolocation.'));
    setOptIn(true);
    // getCurrentPosition is what shows the browser's prompt, so it runs from the tap.
    return new Promise<Availability>((resolve) => {
      try {
        api.getCurrentPosition(
          () => resolve(AVAILABLE),
          (error) => {
            if (error.code === PERMISSION_DENIED) setOptIn(false);
            resolve(fromError(error));
          },
          { timeout: 15_000, maximumAge: 60_000 },
        );
      } catch {
        resolve(unavailable('This browser has no geolocation.'));
      }
    });
  },
  start(onReading, _hz, onAvailability) {
    const api = geolocationApi();
    if (!api || !geolocationOptedIn()) return () => {};
    let id: number | null = null;
    try {
      id = api.watchPosition(
        (position) => onReading(positionReading(position)),
        (error) => onAvailability?.(fromError(error)),
        { enableHighAccuracy: true, maximumAge: 0 },
      );
    } catch {
      onAvailability?.(unavailable('This browser has no geolocation.'));
    }
    return () => {
      if (id !== null) api.clearWatch(id);
    };
  },
};
