import { expect, test } from '@playwright/test';

const SECTIONS = ['Assistant', 'Notes', 'Quantum', 'Sensors', 'Sync', 'System'];

test('every section is reachable from the navigation, and the page is cross-origin isolated', async ({ page }) => {
  await page.goto('/');
  const nav = page.getByRole('navigation');
  for (const name of SECTIONS) {
    await nav.getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
    await expect(nav.getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
  }
  await expect(page.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
});

test('phone: bottom tab bar; wide screen: side bar; touch targets of at least 44 px', async ({ browser }) => {
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await phone.goto('/#/notes');
  const phoneNav = await phone.getByRole('navigation').boundingBox();
  expect(phoneNav!.y + phoneNav!.height).toBeCloseTo(844, 0);
  expect(phoneNav!.width).toBeCloseTo(390, 0);
  const targets = phone.locator('nav a, main button:visible, main input:visible');
  const count = await targets.count();
  expect(count).toBeGreaterThan(6);
  for (let i = 0; i < count; i++) {
    const box = await targets.nth(i).boundingBox();
    expect(box!.height, `target ${i} height`).toBeGreaterThanOrEqual(44);
    expect(box!.width, `target ${i} width`).toBeGreaterThanOrEqual(44);
  }
  // Nothing scrolls sideways on a phone.
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await phone.close();

  const wide = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await wide.goto('/#/notes');
  const wideNav = await wide.getByRole('navigation').boundingBox();
  expect(wideNav!.x).toBe(0);
  expect(wideNav!.height).toBeCloseTo(800, 0);
  expect(wideNav!.width).toBeLessThan(300);
  await wide.close();
});

test('light and dark themes follow the system setting', async ({ browser }) => {
  const background = async (colorScheme: 'light' | 'dark') => {
    const page = await browser.newPage({ colorScheme });
    await page.goto('/#/notes');
    const color = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.close();
    return color;
  };
  const [light, dark] = [await background('light'), await background('dark')];
  const brightness = (rgb: string) => rgb.match(/\d+/g)!.slice(0, 3).map(Number).reduce((a, b) => a + b, 0);
  expect(brightness(light)).toBeGreaterThan(600);
  expect(brightness(dark)).toBeLessThan(150);
});

test('System shows whether storage is persistent', async ({ page }) => {
  await page.goto('/#/system');
  await expect(page.getByTestId('persisted')).toHaveText(/Persistent storage: (granted|not granted)/);
});
