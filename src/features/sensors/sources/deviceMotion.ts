// DeviceMotionEvent: acceleration without gravity, with gravity (m/s²) and rotation rate (°/s).
import type { Reading, SensorSource } from '../types.ts';
import { eventTarget, globals, num } from './common.ts';
import { deviceEventPermission, nullAware } from './deviceEvents.ts';

export const MOTION_CHANNELS = [
  'motion.ax', 'motion.ay', 'motion.az',
  'motion.gx', 'motion.gy', 'motion.gz',
  'motion.ra', 'motion.rb', 'motion.rg',
];

const NO_MOTION = 'This browser or device has no motion sensors (it sends no motion readings).';

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
  ...deviceEventPermission(() => globals().DeviceMotionEvent, 'This browser has no motion events (DeviceMotionEvent).'),
  start(onReading, _hz, onAvailability) {
    // devicemotion arrives at the device's own rate (about 60 Hz in Chromium); `hz` cannot change it.
    const target = eventTarget();
    if (!target) return () => {};
    const pass = nullAware(onReading, onAvailability, NO_MOTION);
    const listener = (event: Event) => pass(motionReading(event as DeviceMotionEvent));
    target.addEventListener('devicemotion', listener);
    return () => target.removeEventListener('devicemotion', listener);
  },
};
