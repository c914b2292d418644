// The battery policy end to end: a stand-in for navigator.getBattery (an init script) drives
// the level and charging state; the header badge, Settings and the System log follow.
import { expect, test, type Page } from '@playwright/test';

declare global {
  interface Window {
    __setBattery(level: number, charging: boolean): void;
  }
}

/** Replaces navigator.getBattery with a controllable BatteryManager stand-in. */
function stubBattery(initial: { level: number; charging: boolean }) {
  const manager = new EventTarget() as EventTarget & { level: number; charging: boolean; chargingTime: number; dischargingTime: number };
  manager.level = initial.level;
  manager.charging = initial.charging;
  manager.chargingTime = initial.charging ? 3600 : Infinity;
  manager.dischargingTime = initial.charging ? Infinity : 7200;
  Object.defineProperty(Navigator.prototype, 'getBattery', { configurable: true, writable: true, value: () => Promise.resolve(manager) });
  window.__setBattery = (level: number, charging: boolean) => {
    const levelChanged = manager.level !== level;
    const chargingChanged = manager.charging !== charging;
    manager.level = level;
    manager.charging = charging;
    manager.chargingTime = charging ? 3600 : Infinity;
    manager.dischargingTime = charging ? Infinity : 7200;
    if (chargingChanged) manager.dispatchEvent(new Event('chargingchange'));
    if (levelChanged) manager.dispatchEvent(new Event('levelchange'));
  };
}

const badge = (page: Page) => page.getByRole('banner').getByRole('status');
const overrideMark = (page: Page) => page.getByRole('banner').getByText('override', { exact: true });
const setBattery = (page: Page, level: number, charging: boolean) =>
  page.evaluate(([l, c]) => window.__setBattery(l as number, c as boolean), [level, charging] as const);

test('levels and charging switch the mode and the badge, with 2 points of margin; an override wins and is shown', async ({ page }) => {
  await page.addInitScript(stubBattery, { level: 0.5, charging: false });
  await page.goto('/#/notes');
  await expect(badge(page)).toHaveText('Normal');
  await expect(overrideMark(page)).toHaveCount(0);

  await setBattery(page, 0.15, false);
  await expect(badge(page)).toHaveText('Saver');
  await setBattery(page, 0.05, false);
  await expect(badge(page)).toHaveText('Critical');
  await setBattery(page, 0.11, false);
  await page.waitForTimeout(200);
  await expect(badge(page)).toHaveText('Critical'); // 1 point above 10 %: no flapping
  await setBattery(page, 0.13, false);
  await expect(badge(page)).toHaveText('Saver');
  await setBattery(page, 0.21, false);
  await page.waitForTimeout(200);
  await expect(badge(page)).toHaveText('Saver'); // 1 point above 20 %: still saver
  await setBattery(page, 0.21, true);
  await expect(badge(page)).toHaveText('Normal'); // charging: normal at once

  // The workers' view: the current policy on the BroadcastChannel, on request.
  const seen = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const channel = new BroadcastChannel('jarvis-battery');
        channel.onmessage = (event) => {
          if (event.data?.type !== 'policy') return;
          channel.close();
          resolve(event.data);
        };
        channel.postMessage({ type: 'request' });
      }),
  );
  expect(seen).toEqual({
    type: 'policy',
    mode: 'normal',
    effects: { backgroundEmbedding: true, backgroundIndexing: true, simulationThreads: 'auto', wakeWord: true, maxRecordingHz: 60 },
  });

  // Tapping the badge opens the Battery setting.
  await badge(page).click();
  await expect(page).toHaveURL(/#\/system\/battery$/);
  const card = page.getByRole('region', { name: 'Battery', exact: true });
  await expect(card).toBeInViewport();
  await expect(card.getByTestId('battery-level')).toHaveText(/Battery at 21 %, charging/);

  const select = card.getByRole('combobox', { name: 'Battery mode', exact: true });
  await select.selectOption({ label: 'Critical' });
  await expect(badge(page)).toHaveText('Critical');
  await expect(overrideMark(page)).toBeVisible();
  await expect(card.getByTestId('battery-modes')).toHaveText('Automatic mode: Normal. In force: Critical, chosen below.');
  // Still critical while charging, and after a reload (kept on this device).
  await setBattery(page, 0.8, true);
  await page.waitForTimeout(200);
  await expect(badge(page)).toHaveText('Critical');
  await expect(card.getByTestId('embedding-paused')).toBeVisible(); // the inference worker was told
  await page.reload();
  await expect(badge(page)).toHaveText('Critical');
  await expect(overrideMark(page)).toBeVisible();
  // The worker started after the reload (System → Models) is paused as it starts.
  await expect(page.getByTestId('embedding-paused')).toBeVisible();

  await page.getByRole('combobox', { name: 'Battery mode', exact: true }).selectOption({ label: 'Automatic' });
  await expect(badge(page)).toHaveText('Normal');
  await expect(overrideMark(page)).toHaveCount(0);
  await expect(page.getByTestId('embedding-paused')).toHaveCount(0);

  // Every decision is in the System log.
  const log = page.getByRole('list', { name: 'System log entries' });
  for (const line of [
    'Battery mode Normal at start: level 50 %, discharging.',
    'Battery mode Saver: level 15 %, discharging (below 20 %).',
    'Battery mode Critical: level 5 %, discharging (below 10 %).',
    'Battery mode Saver: level 13 %, discharging (back at 12 % or more).',
    'Battery mode Normal: level 21 %, charging.',
    'Battery mode Critical: set in Settings (automatic would be Normal; level 21 %, charging).',
    'Battery mode Normal: automatic again (level 50 %, discharging).',
  ]) {
    await expect(log.getByText(line, { exact: true })).toHaveCount(1);
  }
  await expect(log.getByText(/level 11 %/)).toHaveCount(0); // no decision, no entry

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export log', exact: true }).click();
  const file = await (await download).path();
  const exported = JSON.parse(await (await import('node:fs/promises')).readFile(file, 'utf8'));
  expect(exported.entries.filter((e: { area: string }) => e.area === 'battery').length).toBeGreaterThanOrEqual(7);
});

test('without the Battery Status API: Normal, and Settings say the level is not available', async ({ page }) => {
  await page.addInitScript(() => {
    delete (Navigator.prototype as { getBattery?: unknown }).getBattery;
  });
  await page.goto('/#/system');
  expect(await page.evaluate(() => 'getBattery' in navigator)).toBe(false);
  await expect(badge(page)).toHaveText('Normal');
  await expect(page.getByRole('region', { name: 'Battery', exact: true }).getByTestId('battery-level')).toContainText('not available');
  await expect(page.getByRole('list', { name: 'System log entries' }).getByText('Battery mode Normal at start: battery level not available.', { exact: true })).toBeVisible();
  // The user can still choose a mode.
  await page.getByRole('combobox', { name: 'Battery mode', exact: true }).selectOption({ label: 'Saver' });
  await expect(badge(page)).toHaveText('Saver');
  await expect(page.getByRole('banner').getByText('override', { exact: true })).toBeVisible();
});
