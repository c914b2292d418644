// DeviceOrientationEvent: alpha/beta/gamma (°) and a compass heading (° from north) where known.
import type { Reading, SensorSource } from '../types.ts';
import { eventTarget, globals, num } from './common.ts';
import { deviceEventPermission, nullAware } from './deviceEvents.ts';

export const ORIENTATION_CHANNELS = ['orientation.alpha', 'orientation.beta', 'orientation.gamma', 'orientation.heading'];

const NO_ORIENTATION = 'This browser or device has no orientation sensors (it sends no orientation readings).';

type OrientationEvent = DeviceOrientationEvent & { webkitCompassHeading?: number };

/** iOS gives webkitCompassHeading; elsewhere an absolute alpha turns counter-clockwise from north. */
export function headingOf(e: OrientationEvent): number | null {
  const compass = num(e.webkitCompassHeading);
  if (compass !== null) return compass;
  const alpha = num(e.alpha);
  if (e.absolute && alpha !== null) return (360 - alpha) % 360;
  return null;
}

export const deviceOrientation: SensorSource = {
  kind: 'orientation',
  label: 'Orientation',
  channels: ORIENTATION_CHANNELS,
  ...deviceEventPermission(() => globals().DeviceOrientationEvent, 'This browser has no orientation events (DeviceOrientationEvent).'),
  start(onReading, _hz, onAvailability) {
    const target = eventTarget();
    if (!target) return () => {};
    const latest: Reading = { 'orientation.alpha': null, 'orientation.beta': null, 'orientation.gamma': null, 'orientation.heading': null };
    let relativeSeen = false;
    const pass = nullAware(onReading, onAvailability, NO_ORIENTATION);
    const emit = () => pass({ ...latest });
    const onRelative = (event: Event) => {
      const e = event as OrientationEvent;
      relativeSeen = true;
      latest['orientation.alpha'] = num(e.alpha);
      latest['orientation.beta'] = num(e.beta);
      latest['orientation.gamma'] = num(e.gamma);
      const heading = headingOf(e);
      if (heading !== null) latest['orientation.heading'] = heading;
      emit();
    };
    // Chromium: 'deviceorientation' is relative; the absolute one (magnetometer) gives the heading.
    const onAbsolute = (event: Event) => {
      const e = event as OrientationEvent;
      const heading = headingOf(e);
      if (heading === null) return; // no compass: the relative event reports the rest
      latest['orientation.heading'] = heading;
      if (!relativeSeen) {
        latest['orientation.alpha'] = num(e.alpha);
        latest['orientation.beta'] = num(e.beta);
        latest['orientation.gamma'] = num(e.gamma);
      }
      emit();
    };
    target.addEventListener('deviceorientation', onRelative);
    const hasAbsolute = 'ondeviceorientationabsolute' in target;
    if (hasAbsolute) target.addEventListener('deviceorientationabsolute', onAbsolute);
    return () => {
      target.removeEventListener('deviceorientation', onRelative);
      if (hasAbsolute) target.removeEventListener('deviceorientationabsolute', onAbsolute);
    };
  },
};
