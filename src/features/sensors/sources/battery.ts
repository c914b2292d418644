// Battery Status API: level (0–1), charging (0|1), charging and discharging time (s; null = unknown/never).
import type { Reading, SensorSource } from '../types.ts';
import { AVAILABLE, globals, num, unavailable } from './common.ts';

export const BATTERY_CHANNELS = ['battery.level', 'battery.charging', 'battery.chargingTime', 'battery.dischargingTime'];

const EVENTS = ['levelchange', 'chargingchange', 'chargingtimechange', 'dischargingtimechange'];
const MISSING = 'This browser does not report the battery (no Battery Status API).';

interface BatteryLike extends EventTarget {
  level: number;
  charging: boolean;
  chargingTime: number;
  dischargingTime: number;
}

function getBattery(): (() => Promise<BatteryLike>) | undefined {
  const nav = globals().navigator;
  return typeof nav?.getBattery === 'function' ? () => nav.getBattery() : undefined;
}

export function batteryReading(b: BatteryLike): Reading {
  return {
    'battery.level': num(b.level),
    'battery.charging': typeof b.charging === 'boolean' ? (b.charging ? 1 : 0) : null,
    'battery.chargingTime': num(b.chargingTime),
    'battery.dischargingTime': num(b.dischargingTime),
  };
}

export const battery: SensorSource = {
  kind: 'battery',
  label: 'Battery',
  channels: BATTERY_CHANNELS,
  availability: async () => (getBattery() ? AVAILABLE : unavailable(MISSING)),
  requestPermission() {
    return this.availability();
  },
  start(onReading, _hz, onAvailability) {
    const get = getBattery();
    if (!get) return () => {};
    let stopped = false;
    let manager: BatteryLike | null = null;
    const listener = () => {
      if (manager) onReading(batteryReading(manager));
    };
    get().then(
      (m) => {
        if (stopped) return;
        manager = m;
        for (const type of EVENTS) m.addEventListener(type, listener);
        listener();
      },
      () => onAvailability?.(unavailable(MISSING)),
    );
    return () => {
      stopped = true;
      if (manager) for (const type of EVENTS) manager.removeEventListener(type, listener);
    };
  },
};
