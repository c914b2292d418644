// The sensor sources with stubbed browser globals: feature detection, permission states,
// readings mapped to channels, and stop() removing every listener.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Availability, Reading } from '../../../src/features/sensors/types.ts';

type Sources = typeof import('../../../src/features/sensors/sources/index.ts');
let mod: Sources;

/** A window stand-in that counts its listeners. */
class CountingTarget extends EventTarget {
  listeners = 0;
  override addEventListener(...args: Parameters<EventTarget['addEventListener']>) {
    this.listeners++;
    super.addEventListener(...args);
  }
  override removeEventListener(...args: Parameters<EventTarget['removeEventListener']>) {
    this.listeners--;
    super.removeEventListener(...args);
  }
}

function stubPermissions(states: Record<string, PermissionState>) {
  return {
    query: vi.fn(async ({ name }: { name: string }) => {
      if (!(name in states)) throw new TypeError(`unknown permission ${name}`);
      return { state: states[name] };
    }),
  };
}

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

let win: CountingTarget;

beforeEach(async () => {
  win = new CountingTarget();
  vi.stubGlobal('window', win);
  vi.stubGlobal('navigator', {});
  vi.stubGlobal('localStorage', memoryStorage());
  vi.resetModules();
  mod = await import('../../../src/features/sensors/sources/index.ts');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const source = (kind: Parameters<Sources['sourceByKind']>[0]) => mod.sourceByKind(kind)!;

function motionEvent(fields: Record<string, unknown>): Event {
  return Object.assign(new Event('devicemotion'), fields);
}

describe('SOURCES', () => {
  it('lists every kind once, with distinct channel names', () => {
    const kinds = mod.SOURCES.map((s) => s.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds).toEqual([
      'motion', 'orientation', 'accelerometer', 'gyroscope', 'linearAcceleration', 'gravity',
      'absoluteOrientation', 'relativeOrientation', 'magnetometer', 'light', 'geolocation', 'battery', 'network',
    ]);
    const channels = mod.SOURCES.flatMap((s) => s.channels);
    expect(new Set(channels).size).toBe(channels.length);
    for (const s of mod.SOURCES) for (const c of s.channels) expect(c.startsWith(`${s.kind}.`) || c.split('.')[0] === s.kind).toBe(true);
  });

  it('formats channels with their units', () => {
    expect(mod.channelInfo('motion.gx').unit).toBe('m/s²');
    expect(mod.channelInfo('accelerometer.x').format(3.2000000000000006)).toBe('3.20');
    expect(mod.channelInfo('gyroscope.z').unit).toBe('rad/s');
    expect(mod.channelInfo('battery.level').format(0.42)).toBe('42');
    expect(mod.channelInfo('network.effectiveType').format(3)).toBe('3g');
    expect(mod.channelInfo('motion.ax').format(null)).toBe('—');
  });
});

describe('motion', () => {
  it('is not available without DeviceMotionEvent', async () => {
    expect((await source('motion').availability()).state).toBe('unavailable');
  });

  it('follows the Permissions API where the browser answers it (Chromium)', async () => {
    vi.stubGlobal('DeviceMotionEvent', class { static requestPermission = async () => 'granted'; });
    vi.stubGlobal('navigator', { permissions: stubPermissions({ accelerometer: 'denied', gyroscope: 'granted' }) });
    const denied = await source('motion').availability();
    expect(denied.state).toBe('denied');
    expect((denied as { help: string }).help).toMatch(/site settings/);
    vi.stubGlobal('navigator', { permissions: stubPermissions({ accelerometer: 'granted', gyroscope: 'granted' }) });
    expect((await source('motion').availability()).state).toBe('available');
  });

  it('needs a tap where only requestPermission exists (iOS), then is available', async () => {
    const requestPermission = vi.fn(async () => 'granted');
    vi.stubGlobal('DeviceMotionEvent', class { static requestPermission = requestPermission; });
    expect((await source('motion').availability()).state).toBe('needs-permission');
    expect((await source('motion').requestPermission()).state).toBe('available');
    expect(requestPermission).toHaveBeenCalledOnce();
    expect((await source('motion').availability()).state).toBe('available');
  });

  it('says denied when the iOS prompt is refused, and never throws', async () => {
    vi.stubGlobal('DeviceMotionEvent', class { static requestPermission = async () => 'denied'; });
    expect((await source('motion').requestPermission()).state).toBe('denied');
    vi.stubGlobal('DeviceMotionEvent', class { static requestPermission = async () => { throw new DOMException('no gesture', 'NotAllowedError'); }; });
    expect((await source('motion').requestPermission()).state).toBe('denied');
  });

  it('is available where the event exists and nothing asks (Firefox)', async () => {
    vi.stubGlobal('DeviceMotionEvent', class {});
    expect((await source('motion').availability()).state).toBe('available');
  });

  it('maps an event to its nine channels, and stop() removes the listener', () => {
    const readings: Reading[] = [];
    const stop = source('motion').start((r) => readings.push(r), 50);
    expect(win.listeners).toBe(1);
    win.dispatchEvent(motionEvent({
      acceleration: { x: 0.5, y: 0.6, z: 0.7 },
      accelerationIncludingGravity: { x: 1.2, y: 2.3, z: 9.8 },
      rotationRate: { alpha: 5.7, beta: 11.5, gamma: null },
    }));
    expect(readings).toEqual([{
      'motion.ax': 0.5, 'motion.ay': 0.6, 'motion.az': 0.7,
      'motion.gx': 1.2, 'motion.gy': 2.3, 'motion.gz': 9.8,
      'motion.ra': 5.7, 'motion.rb': 11.5, 'motion.rg': null,
    }]);
    stop();
    expect(win.listeners).toBe(0);
    win.dispatchEvent(motionEvent({ accelerationIncludingGravity: { x: 1, y: 2, z: 3 } }));
    expect(readings).toHaveLength(1);
  });

  it('an all-null event (no sensors) says not available, and a real reading says available again', () => {
    const states: Availability[] = [];
    const readings: Reading[] = [];
    const stop = source('motion').start((r) => readings.push(r), 10, (a) => states.push(a));
    win.dispatchEvent(motionEvent({ acceleration: null, accelerationIncludingGravity: { x: null, y: null, z: null }, rotationRate: null }));
    expect(states.map((s) => s.state)).toEqual(['unavailable']);
    expect(readings).toHaveLength(0);
    win.dispatchEvent(motionEvent({ accelerationIncludingGravity: { x: 1, y: 2, z: 3 } }));
    expect(states.map((s) => s.state)).toEqual(['unavailable', 'available']);
    expect(readings).toHaveLength(1);
    stop();
  });
});

describe('orientation', () => {
  it('maps alpha/beta/gamma and a heading from the absolute event or the iOS compass', () => {
    vi.stubGlobal('DeviceOrientationEvent', class {});
    Object.assign(win, { ondeviceorientationabsolute: null });
    const readings: Reading[] = [];
    const stop = source('orientation').start((r) => readings.push(r), 10);
    expect(win.listeners).toBe(2);
    win.dispatchEvent(Object.assign(new Event('deviceorientation'), { alpha: 45, beta: 10, gamma: -5, absolute: false }));
    expect(readings.at(-1)).toEqual({ 'orientation.alpha': 45, 'orientation.beta': 10, 'orientation.gamma': -5, 'orientation.heading': null });
    win.dispatchEvent(Object.assign(new Event('deviceorientationabsolute'), { alpha: 90, beta: 10, gamma: -5, absolute: true }));
    expect(readings.at(-1)).toEqual({ 'orientation.alpha': 45, 'orientation.beta': 10, 'orientation.gamma': -5, 'orientation.heading': 270 });
    win.dispatchEvent(Object.assign(new Event('deviceorientation'), { alpha: 1, beta: 2, gamma: 3, absolute: false, webkitCompassHeading: 123 }));
    expect(readings.at(-1)!['orientation.heading']).toBe(123);
    stop();
    expect(win.listeners).toBe(0);
  });
});

/** A Generic Sensor stand-in: records its options and listeners. */
function fakeSensorClass(behaviour: { constructError?: string } = {}) {
  const instances: FakeSensor[] = [];
  class FakeSensor extends EventTarget {
    x: number | null = null;
    y: number | null = null;
    z: number | null = null;
    quaternion: number[] | null = null;
    illuminance: number | null = null;
    started = false;
    listeners = 0;
    constructor(public options: { frequency?: number }) {
      super();
      if (behaviour.constructError) throw new DOMException('blocked', behaviour.constructError);
      instances.push(this);
    }
    start() { this.started = true; }
    stop() { this.started = false; }
    override addEventListener(...args: Parameters<EventTarget['addEventListener']>) { this.listeners++; super.addEventListener(...args); }
    override removeEventListener(...args: Parameters<EventTarget['removeEventListener']>) { this.listeners--; super.removeEventListener(...args); }
    fail(name: string) { this.dispatchEvent(Object.assign(new Event('error'), { error: new DOMException('x', name) })); }
  }
  return { FakeSensor, instances };
}

describe('Generic Sensor API', () => {
  it('is not available when the class is missing (Magnetometer, AmbientLightSensor in Chromium)', async () => {
    for (const kind of ['accelerometer', 'magnetometer', 'light'] as const) {
      const a = await source(kind).availability();
      expect(a.state).toBe('unavailable');
      expect((a as { reason: string }).reason).toMatch(/no (Accelerometer|Magnetometer|AmbientLightSensor)/);
    }
  });

  it('says denied when the permission is denied or the constructor throws SecurityError', async () => {
    const { FakeSensor } = fakeSensorClass();
    vi.stubGlobal('Accelerometer', FakeSensor);
    vi.stubGlobal('navigator', { permissions: stubPermissions({ accelerometer: 'denied' }) });
    expect((await source('accelerometer').availability()).state).toBe('denied');
    vi.stubGlobal('navigator', { permissions: stubPermissions({ accelerometer: 'granted' }) });
    expect((await source('accelerometer').availability()).state).toBe('available');
    vi.stubGlobal('Accelerometer', fakeSensorClass({ constructError: 'SecurityError' }).FakeSensor);
    expect((await source('accelerometer').availability()).state).toBe('denied');
  });

  it('starts at the chosen frequency, maps readings, and reports error events', () => {
    const { FakeSensor, instances } = fakeSensorClass();
    vi.stubGlobal('Gyroscope', FakeSensor);
    const readings: Reading[] = [];
    const states: Availability[] = [];
    const stop = source('gyroscope').start((r) => readings.push(r), 50, (a) => states.push(a));
    const sensor = instances[0];
    expect(sensor.options.frequency).toBe(50);
    expect(sensor.started).toBe(true);
    Object.assign(sensor, { x: 0.1, y: 0.2, z: 0.3 });
    sensor.dispatchEvent(new Event('reading'));
    expect(readings).toEqual([{ 'gyroscope.x': 0.1, 'gyroscope.y': 0.2, 'gyroscope.z': 0.3 }]);
    sensor.fail('NotAllowedError');
    sensor.fail('NotReadableError');
    expect(states.map((s) => s.state)).toEqual(['denied', 'unavailable']);
    stop();
    expect(sensor.started).toBe(false);
    expect(sensor.listeners).toBe(0);
  });

  it('maps orientation quaternions and illuminance', () => {
    const { FakeSensor, instances } = fakeSensorClass();
    vi.stubGlobal('RelativeOrientationSensor', FakeSensor);
    vi.stubGlobal('AmbientLightSensor', FakeSensor);
    const readings: Reading[] = [];
    source('relativeOrientation').start((r) => readings.push(r), 10);
    source('light').start((r) => readings.push(r), 10);
    Object.assign(instances[0], { quaternion: [0, 0, 0.38, 0.92] });
    instances[0].dispatchEvent(new Event('reading'));
    Object.assign(instances[1], { illuminance: 320 });
    instances[1].dispatchEvent(new Event('reading'));
    expect(readings).toEqual([
      { 'relativeOrientation.qx': 0, 'relativeOrientation.qy': 0, 'relativeOrientation.qz': 0.38, 'relativeOrientation.qw': 0.92 },
      { 'light.lux': 320 },
    ]);
  });

  it('a constructor that throws on start reports instead of throwing', () => {
    vi.stubGlobal('Accelerometer', fakeSensorClass({ constructError: 'SecurityError' }).FakeSensor);
    const states: Availability[] = [];
    expect(() => source('accelerometer').start(() => {}, 10, (a) => states.push(a))()).not.toThrow();
    expect(states.map((s) => s.state)).toEqual(['denied']);
  });
});

describe('geolocation', () => {
  function fakeGeolocation(outcome: { denied?: boolean } = {}) {
    const watchers = new Map<number, (p: GeolocationPosition) => void>();
    let next = 1;
    return {
      watchers,
      api: {
        getCurrentPosition: vi.fn((ok: PositionCallback, fail: PositionErrorCallback) => {
          if (outcome.denied) fail({ code: 1, message: 'denied' } as GeolocationPositionError);
          else ok({ coords: { latitude: 1, longitude: 2, accuracy: 3, speed: null } } as GeolocationPosition);
        }),
        watchPosition: vi.fn((ok: PositionCallback) => {
          watchers.set(next, ok);
          return next++;
        }),
        clearWatch: vi.fn((id: number) => void watchers.delete(id)),
      },
    };
  }

  it('is not available without navigator.geolocation', async () => {
    expect((await source('geolocation').availability()).state).toBe('unavailable');
  });

  it('is opt-in: needs a tap, then remembers the opt-in', async () => {
    const geo = fakeGeolocation();
    vi.stubGlobal('navigator', { geolocation: geo.api });
    expect((await source('geolocation').availability()).state).toBe('needs-permission');
    expect(geo.api.getCurrentPosition).not.toHaveBeenCalled();
    expect((await source('geolocation').requestPermission()).state).toBe('available');
    expect(localStorage.getItem('jarvis.sensors.geolocation')).toBe('on');
    expect((await source('geolocation').availability()).state).toBe('available');
  });

  it('says denied when the prompt is refused (and forgets the opt-in)', async () => {
    vi.stubGlobal('navigator', { geolocation: fakeGeolocation({ denied: true }).api });
    const a = await source('geolocation').requestPermission();
    expect(a.state).toBe('denied');
    expect((a as { help: string }).help).toMatch(/site settings/);
    expect(localStorage.getItem('jarvis.sensors.geolocation')).toBeNull();
  });

  it('maps positions and clears the watch on stop', () => {
    const geo = fakeGeolocation();
    vi.stubGlobal('navigator', { geolocation: geo.api });
    localStorage.setItem('jarvis.sensors.geolocation', 'on');
    const readings: Reading[] = [];
    const stop = source('geolocation').start((r) => readings.push(r), 1);
    [...geo.watchers.values()][0]({ coords: { latitude: 51.5, longitude: -0.12, accuracy: 20, speed: 1.5 } } as GeolocationPosition);
    expect(readings).toEqual([{ 'geolocation.lat': 51.5, 'geolocation.lon': -0.12, 'geolocation.accuracy': 20, 'geolocation.speed': 1.5 }]);
    stop();
    expect(geo.watchers.size).toBe(0);
  });
});

describe('battery', () => {
  it('is not available without navigator.getBattery', async () => {
    expect((await source('battery').availability()).state).toBe('unavailable');
  });

  it('maps level, charging and times (Infinity → null), follows events, and stop() removes them', async () => {
    const manager = Object.assign(new CountingTarget(), { level: 0.42, charging: true, chargingTime: 1800, dischargingTime: Infinity });
    vi.stubGlobal('navigator', { getBattery: async () => manager });
    expect((await source('battery').availability()).state).toBe('available');
    const readings: Reading[] = [];
    const stop = source('battery').start((r) => readings.push(r), 1);
    await vi.waitFor(() => expect(readings).toHaveLength(1));
    expect(readings[0]).toEqual({ 'battery.level': 0.42, 'battery.charging': 1, 'battery.chargingTime': 1800, 'battery.dischargingTime': null });
    Object.assign(manager, { level: 0.15, charging: false, chargingTime: Infinity, dischargingTime: 3600 });
    manager.dispatchEvent(new Event('chargingchange'));
    expect(readings[1]).toEqual({ 'battery.level': 0.15, 'battery.charging': 0, 'battery.chargingTime': null, 'battery.dischargingTime': 3600 });
    expect(manager.listeners).toBe(4);
    stop();
    expect(manager.listeners).toBe(0);
  });
});

describe('network', () => {
  it('is not available without navigator.connection', async () => {
    expect((await source('network').availability()).state).toBe('unavailable');
  });

  it('maps downlink, rtt and effective type as a number, and follows change events', () => {
    const connection = Object.assign(new CountingTarget(), { downlink: 1.35, rtt: 100, effectiveType: '4g' });
    vi.stubGlobal('navigator', { connection });
    const readings: Reading[] = [];
    const stop = source('network').start((r) => readings.push(r), 1);
    expect(readings[0]).toEqual({ 'network.downlink': 1.35, 'network.rtt': 100, 'network.effectiveType': 4 });
    Object.assign(connection, { effectiveType: 'slow-2g', downlink: 0.05, rtt: 2000 });
    connection.dispatchEvent(new Event('change'));
    expect(readings[1]['network.effectiveType']).toBe(1);
    stop();
    expect(connection.listeners).toBe(0);
  });
});
