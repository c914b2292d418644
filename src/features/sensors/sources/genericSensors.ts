// The Generic Sensor API (Accelerometer, Gyroscope, …): one source per sensor class, where the
// browser has the class. Constructing can throw (SecurityError: blocked; ReferenceError: absent);
// a started sensor reports trouble through 'error' events (NotAllowedError, NotReadableError).
import type { Availability, Reading, SensorKind, SensorSource } from '../types.ts';
import { AVAILABLE, denied, globals, num, queryPermissions, unavailable, type Loose, type PermissionName } from './common.ts';

interface GenericSpec {
  kind: SensorKind;
  label: string;
  className: string;
  channels: string[];
  permissions: PermissionName[];
  read(sensor: Loose): Reading;
}

const xyz = (prefix: string) => [`${prefix}.x`, `${prefix}.y`, `${prefix}.z`];
const readXyz = (prefix: string) => (s: Loose): Reading => ({
  [`${prefix}.x`]: num(s.x),
  [`${prefix}.y`]: num(s.y),
  [`${prefix}.z`]: num(s.z),
});
const quaternion = (prefix: string) => [`${prefix}.qx`, `${prefix}.qy`, `${prefix}.qz`, `${prefix}.qw`];
const readQuaternion = (prefix: string) => (s: Loose): Reading => {
  const q: unknown[] = Array.isArray(s.quaternion) || ArrayBuffer.isView(s.quaternion) ? Array.from(s.quaternion as ArrayLike<unknown>) : [];
  return { [`${prefix}.qx`]: num(q[0]), [`${prefix}.qy`]: num(q[1]), [`${prefix}.qz`]: num(q[2]), [`${prefix}.qw`]: num(q[3]) };
};

export const GENERIC_SPECS: GenericSpec[] = [
  { kind: 'accelerometer', label: 'Accelerometer', className: 'Accelerometer', channels: xyz('accelerometer'), permissions: ['accelerometer'], read: readXyz('accelerometer') },
  { kind: 'gyroscope', label: 'Gyroscope', className: 'Gyroscope', channels: xyz('gyroscope'), permissions: ['gyroscope'], read: readXyz('gyroscope') },
  { kind: 'linearAcceleration', label: 'Linear acceleration', className: 'LinearAccelerationSensor', channels: xyz('linearAcceleration'), permissions: ['accelerometer'], read: readXyz('linearAcceleration') },
  { kind: 'gravity', label: 'Gravity', className: 'GravitySensor', channels: xyz('gravity'), permissions: ['accelerometer'], read: readXyz('gravity') },
  { kind: 'absoluteOrientation', label: 'Absolute orientation', className: 'AbsoluteOrientationSensor', channels: quaternion('absoluteOrientation'), permissions: ['accelerometer', 'gyroscope', 'magnetometer'], read: readQuaternion('absoluteOrientation') },
  { kind: 'relativeOrientation', label: 'Relative orientation', className: 'RelativeOrientationSensor', channels: quaternion('relativeOrientation'), permissions: ['accelerometer', 'gyroscope'], read: readQuaternion('relativeOrientation') },
  { kind: 'magnetometer', label: 'Magnetometer', className: 'Magnetometer', channels: xyz('magnetometer'), permissions: ['magnetometer'], read: readXyz('magnetometer') },
  { kind: 'light', label: 'Ambient light', className: 'AmbientLightSensor', channels: ['light.lux'], permissions: ['ambient-light-sensor'], read: (s) => ({ 'light.lux': num(s.illuminance) }) },
];

function deniedHelp(spec: GenericSpec): string {
  const what = spec.kind === 'magnetometer' ? 'the magnetometer' : spec.kind === 'light' ? 'the light sensor' : 'motion sensors';
  return `Allow ${what} for this site in the browser’s site settings, then reload the page.`;
}

function missingReason(spec: GenericSpec): string {
  return `This browser has no ${spec.className} (Generic Sensor API).`;
}

const NO_HARDWARE = 'The browser could not connect to this sensor: the device has none, or it is busy.';

/** What an error from the constructor or an 'error' event means for the user. */
export function availabilityFromError(spec: GenericSpec, error: unknown): Availability {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'SecurityError' || name === 'NotAllowedError') return denied(deniedHelp(spec));
  if (name === 'NotReadableError') return unavailable(NO_HARDWARE);
  if (name === 'ReferenceError') return unavailable(missingReason(spec));
  const message = (error as { message?: string } | null)?.message;
  return unavailable(message ? `The sensor failed: ${message}` : NO_HARDWARE);
}

function genericSource(spec: GenericSpec): SensorSource {
  const ctor = (): (new (options: Loose) => Loose) | undefined => {
    const c = globals()[spec.className];
    return typeof c === 'function' ? c : undefined;
  };
  const availability = async (): Promise<Availability> => {
    const Sensor = ctor();
    if (!Sensor) return unavailable(missingReason(spec));
    if (globals().isSecureContext === false) return unavailable('Sensors work only on a secure (https) page.');
    const state = await queryPermissions(spec.permissions);
    if (state === 'denied') return denied(deniedHelp(spec));
    try {
      // Constructing does not start the sensor, but it throws when a policy blocks it.
      new Sensor({ frequency: 1 });
    } catch (error) {
      return availabilityFromError(spec, error);
    }
    return AVAILABLE;
  };
  return {
    kind: spec.kind,
    label: spec.label,
    channels: spec.channels,
    availability,
    // Generic sensors have no prompt of their own here: starting asks where the browser asks.
    requestPermission: availability,
    start(onReading, hz, onAvailability) {
      const Sensor = ctor();
      if (!Sensor) {
        onAvailability?.(unavailable(missingReason(spec)));
        return () => {};
      }
      let sensor: Loose;
      try {
        sensor = new Sensor({ frequency: Math.max(1, hz) });
      } catch (error) {
        onAvailability?.(availabilityFromError(spec, error));
        return () => {};
      }
      let failed = false;
      const onRead = () => {
        if (failed) {
          failed = false;
          onAvailability?.(AVAILABLE);
        }
        onReading(spec.read(sensor));
      };
      const onError = (event: Event) => {
        failed = true;
        onAvailability?.(availabilityFromError(spec, (event as Event & { error?: unknown }).error));
      };
      sensor.addEventListener('reading', onRead);
      sensor.addEventListener('error', onError);
      try {
        sensor.start();
      } catch (error) {
        onAvailability?.(availabilityFromError(spec, error));
      }
      return () => {
        sensor.removeEventListener('reading', onRead);
        sensor.removeEventListener('error', onError);
        try {
          sensor.stop();
        } catch {
          // already stopped
        }
      };
    },
  };
}

export const GENERIC_SOURCES: SensorSource[] = GENERIC_SPECS.map(genericSource);
