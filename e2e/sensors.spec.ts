// Live sensor cards in real Chromium: CDP sensor overrides (enabled, with a first reading,
// BEFORE navigation — NOTES-platform.md), granted/denied permissions, geolocation opt-in,
// a battery stub from an init script, and APIs deleted to look like a device without them.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';

const SENSOR_PERMISSIONS = ['accelerometer', 'gyroscope', 'magnetometer'];

type Xyz = { x: number; y: number; z: number };
type Quaternion = { x: number; y: number; z: number; w: number };
type OverrideReading = { xyz: Xyz } | { quaternion: Quaternion };

/** Enables the overrides with their first readings; returns a setter for later readings. */
async function sensorOverrides(context: BrowserContext, page: Page, first: Record<string, OverrideReading>) {
  const cdp = await context.newCDPSession(page);
  const set = async (type: string, reading: OverrideReading) => {
    await cdp.send('Emulation.setSensorOverrideReadings', { type: type as 'accelerometer', reading });
  };
  for (const [type, reading] of Object.entries(first)) {
    await cdp.send('Emulation.setSensorOverrideEnabled', { enabled: true, type: type as 'accelerometer' });
    // An override enabled without a reading holds devicemotion back for every other sensor.
    await set(type, reading);
  }
  return set;
}

const card = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const channel = (page: Page, name: string) => page.locator(`[data-channel="${name}"]`);

test('motion, orientation and Generic Sensor cards show the injected readings (Chromium rounds to 0.1)', async ({ browser }) => {
  const context = await browser.newContext({ permissions: SENSOR_PERMISSIONS });
  const page = await context.newPage();
  const set = await sensorOverrides(context, page, {
    accelerometer: { xyz: { x: 1.23, y: 2.34, z: 9.81 } },
    'linear-acceleration': { xyz: { x: 0.5, y: 0.6, z: 0.7 } },
    gyroscope: { xyz: { x: 0.1, y: 0.2, z: 0.3 } },
    gravity: { xyz: { x: 0.7, y: 1.7, z: 9.1 } },
    // 45° about z.
    'relative-orientation': { quaternion: { x: 0, y: 0, z: 0.38268343, w: 0.92387953 } },
  });
  await page.goto('/#/sensors');

  const motion = card(page, 'Motion');
  await expect(motion).toBeVisible();
  await expect(channel(page, 'motion.gx')).toHaveText('1.20 m/s²');
  await expect(channel(page, 'motion.gy')).toHaveText('2.30 m/s²');
  await expect(channel(page, 'motion.ax')).toHaveText('0.50 m/s²');
  await expect(channel(page, 'motion.ra')).toHaveText('5.7 °/s'); // 0.1 rad/s
  await expect(channel(page, 'accelerometer.x')).toHaveText('1.20 m/s²');
  await expect(channel(page, 'gyroscope.z')).toHaveText('0.30 rad/s');
  await expect(channel(page, 'gravity.z')).toHaveText('9.10 m/s²');
  await expect(channel(page, 'orientation.alpha')).toHaveText('45.0 °');

  await set('accelerometer', { xyz: { x: 3.21, y: -4.56, z: 9.81 } });
  await expect(channel(page, 'motion.gx')).toHaveText('3.20 m/s²');
  await expect(channel(page, 'motion.gy')).toHaveText('-4.60 m/s²');
  await expect(channel(page, 'accelerometer.x')).toHaveText('3.20 m/s²');
  await expect(channel(page, 'accelerometer.y')).toHaveText('-4.60 m/s²');
  await expect(motion.getByText(/not available|permission denied/)).toHaveCount(0);

  // This Chromium build has no Magnetometer or AmbientLightSensor class: their cards say so.
  const missing = await page.evaluate(() => ({ magnetometer: !('Magnetometer' in window), light: !('AmbientLightSensor' in window) }));
  if (missing.magnetometer) await expect(card(page, 'Magnetometer').getByText('not available on this device')).toBeVisible();
  if (missing.light) await expect(card(page, 'Ambient light').getByText('not available on this device')).toBeVisible();
  await context.close();
});

test('iOS-style motion permission: "Allow" calls requestPermission inside the click, then readings flow', async ({ browser }) => {
  const context = await browser.newContext({ permissions: SENSOR_PERMISSIONS });
  // Safari has requestPermission and no Permissions API answer for motion sensors.
  await context.addInitScript(() => {
    const query = Permissions.prototype.query;
    Permissions.prototype.query = function (descriptor: PermissionDescriptor) {
      if (['accelerometer', 'gyroscope', 'magnetometer'].includes(descriptor.name)) return Promise.reject(new TypeError('unknown permission'));
      return query.call(this, descriptor);
    };
    const w = window as unknown as { __calls: string[]; event?: Event };
    w.__calls = [];
    for (const cls of [DeviceMotionEvent, DeviceOrientationEvent] as unknown as Record<string, unknown>[]) {
      cls.requestPermission = async () => {
        w.__calls.push(w.event?.type ?? 'no event');
        return 'granted';
      };
    }
  });
  const page = await context.newPage();
  await sensorOverrides(context, page, {
    accelerometer: { xyz: { x: 1.23, y: 2.34, z: 9.81 } },
    'linear-acceleration': { xyz: { x: 0.5, y: 0.6, z: 0.7 } },
    gyroscope: { xyz: { x: 0.1, y: 0.2, z: 0.3 } },
  });
  await page.goto('/#/sensors');
  const motion = card(page, 'Motion');
  await expect(motion.getByText(/needs your permission/)).toBeVisible();
  await expect(motion.locator('[data-channel]')).toHaveCount(0);
  await motion.getByRole('button', { name: 'Allow', exact: true }).click();
  await expect(channel(page, 'motion.gx')).toHaveText('1.20 m/s²');
  expect(await page.evaluate(() => (window as unknown as { __calls: string[] }).__calls)).toEqual(['click']);
  await context.close();
});

test('a sensor with no reading source says "not available on this device" (granted, no override)', async ({ browser }) => {
  const context = await browser.newContext({ permissions: SENSOR_PERMISSIONS });
  const page = await context.newPage();
  await page.goto('/#/sensors');
  // Permission granted but no hardware: Chromium's NotReadableError.
  await expect(card(page, 'Gyroscope').getByText('not available on this device')).toBeVisible();
  await expect(card(page, 'Motion').getByText('not available on this device')).toBeVisible();
  await context.close();
});

test('without sensor permissions the Generic Sensor and motion cards say "permission denied" and what to do', async ({ browser }) => {
  // A plain newContext() has the sensors granted (Chromium's default is allow); an explicit
  // permission list without them makes them denied.
  const context = await browser.newContext({ permissions: [] });
  const page = await context.newPage();
  await page.goto('/#/sensors');
  for (const name of ['Accelerometer', 'Gyroscope', 'Linear acceleration', 'Gravity', 'Absolute orientation', 'Relative orientation', 'Motion', 'Orientation']) {
    const c = card(page, name);
    await expect(c.getByText('permission denied'), name).toBeVisible();
    await expect(c.getByText(/site settings/), name).toBeVisible();
  }
  // Location is opt-in: not denied, just off.
  await expect(card(page, 'Location').getByRole('button', { name: 'Turn on', exact: true })).toBeVisible();
  await context.close();
});

test('a browser without DeviceMotionEvent or Accelerometer says "not available on this device"', async ({ browser }) => {
  const context = await browser.newContext({ permissions: SENSOR_PERMISSIONS });
  await context.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    delete w.DeviceMotionEvent;
    delete w.Accelerometer;
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/#/sensors');
  await expect(card(page, 'Motion').getByText('not available on this device')).toBeVisible();
  await expect(card(page, 'Motion').getByText(/no motion events/)).toBeVisible();
  await expect(card(page, 'Accelerometer').getByText('not available on this device')).toBeVisible();
  await expect(card(page, 'Accelerometer').getByText(/no Accelerometer/)).toBeVisible();
  expect(errors).toEqual([]);
  await context.close();
});

test('location is opt-in: "Turn on" runs the request from the click, shows the position, and is remembered', async ({ browser }) => {
  const context = await browser.newContext({
    geolocation: { latitude: 51.5074, longitude: -0.1278, accuracy: 12 },
    permissions: ['geolocation'],
  });
  const page = await context.newPage();
  await page.goto('/#/sensors');
  const location = card(page, 'Location');
  await expect(location.getByText('Location is off')).toBeVisible();
  await expect(location.locator('[data-channel]')).toHaveCount(0);
  await location.getByRole('button', { name: 'Turn on', exact: true }).click();
  await expect(channel(page, 'geolocation.lat')).toHaveText('51.507400 °');
  await expect(channel(page, 'geolocation.lon')).toHaveText('-0.127800 °');
  await expect(channel(page, 'geolocation.accuracy')).toHaveText('12 m');
  expect(await page.evaluate(() => localStorage.getItem('jarvis.sensors.geolocation'))).toBe('on');

  await context.setGeolocation({ latitude: 48.8566, longitude: 2.3522, accuracy: 5 });
  await expect(channel(page, 'geolocation.lat')).toHaveText('48.856600 °');

  await page.reload();
  await expect(channel(page, 'geolocation.lat')).toHaveText('48.856600 °');
  await location.getByRole('button', { name: 'Turn off', exact: true }).click();
  await expect(location.getByRole('button', { name: 'Turn on', exact: true })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('jarvis.sensors.geolocation'))).toBeNull();
  await context.close();
});

test('location refused by the browser says "permission denied" with what to do', async ({ browser }) => {
  const context = await browser.newContext(); // geolocation not granted: Chromium answers denied
  const page = await context.newPage();
  await page.goto('/#/sensors');
  const location = card(page, 'Location');
  await location.getByRole('button', { name: 'Turn on', exact: true }).click();
  await expect(location.getByText('permission denied')).toBeVisible();
  await expect(location.getByText(/site settings/)).toBeVisible();
  await context.close();
});

test('the battery card follows level and charging (init-script stub of navigator.getBattery)', async ({ browser }) => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const battery = new EventTarget() as EventTarget & Record<string, unknown>;
    Object.assign(battery, { level: 0.42, charging: false, chargingTime: Infinity, dischargingTime: 5400 });
    const w = window as unknown as Record<string, unknown>;
    w.__setBattery = (patch: Record<string, unknown>) => {
      Object.assign(battery, patch);
      for (const type of ['levelchange', 'chargingchange', 'chargingtimechange', 'dischargingtimechange']) battery.dispatchEvent(new Event(type));
    };
    Object.defineProperty(Navigator.prototype, 'getBattery', { configurable: true, value: async () => battery });
  });
  const page = await context.newPage();
  await page.goto('/#/sensors');
  await expect(channel(page, 'battery.level')).toHaveText('42 %');
  await expect(channel(page, 'battery.charging')).toHaveText('no');
  await expect(channel(page, 'battery.dischargingTime')).toHaveText('1 h 30 min');
  await expect(channel(page, 'battery.chargingTime')).toHaveText('—');

  await page.evaluate(() => (window as unknown as { __setBattery: (p: object) => void }).__setBattery({ level: 0.15, charging: true, chargingTime: 600, dischargingTime: Infinity }));
  await expect(channel(page, 'battery.level')).toHaveText('15 %');
  await expect(channel(page, 'battery.charging')).toHaveText('yes');
  await expect(channel(page, 'battery.chargingTime')).toHaveText('10 min');
  await context.close();
});

test('the network card shows the connection (Chromium has navigator.connection)', async ({ page }) => {
  await page.goto('/#/sensors');
  await expect(channel(page, 'network.effectiveType')).toHaveText(/^(slow-2g|2g|3g|4g)$/);
  await expect(channel(page, 'network.rtt')).toHaveText(/^\d+ ms$/);
});

test('phone: the cards fit the width and their buttons are at least 44 px', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto('/#/sensors');
  await expect(card(page, 'Location').getByRole('button', { name: 'Turn on' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const buttons = page.locator('main .sensor button:visible');
  for (let i = 0; i < (await buttons.count()); i++) {
    const box = await buttons.nth(i).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(box!.width).toBeGreaterThanOrEqual(44);
  }
  await page.close();
});
