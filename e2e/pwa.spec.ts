import { cp, appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startServer } from '../server/server.ts';

test('the manifest names Jarvis with real 192, 512 and maskable PNG icons', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const response = await request.get(href!);
  expect(response.headers()['content-type']).toContain('application/manifest+json');
  const manifest = await response.json();
  expect(manifest).toMatchObject({ name: 'Jarvis', display: 'standalone', start_url: '/' });
  expect(manifest.theme_color).toBeTruthy();
  expect(manifest.background_color).toBeTruthy();
  const sizes = await page.evaluate(async (icons: { src: string; sizes: string; purpose?: string }[]) => {
    return Promise.all(
      icons.map(async (icon) => {
        const bitmap = await createImageBitmap(await (await fetch(icon.src)).blob());
        return `${bitmap.width}x${bitmap.height} ${icon.purpose ?? 'any'}`;
      }),
    );
  }, manifest.icons);
  expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
});

test('the install button appears when the browser offers installation', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Install', exact: true })).toHaveCount(0);
  // Headless Chromium never fires beforeinstallprompt: dispatch one as the browser would.
  await page.evaluate(() => {
    const event = new Event('beforeinstallprompt', { cancelable: true }) as Event & Record<string, unknown>;
    event.prompt = async () => ((window as unknown as { __prompted: boolean }).__prompted = true);
    event.userChoice = Promise.resolve({ outcome: 'accepted' });
    window.dispatchEvent(event);
  });
  await page.getByRole('button', { name: 'Install', exact: true }).click();
  expect(await page.evaluate(() => (window as unknown as { __prompted?: boolean }).__prompted)).toBe(true);
  await expect(page.getByRole('button', { name: 'Install', exact: true })).toHaveCount(0);
});

test('a new version is offered with "New version available" and Reload', async ({ browser }) => {
  const dist = await mkdtemp(join(tmpdir(), 'jarvis-update-'));
  await cp('dist', dist, { recursive: true });
  let server = await startServer({ distDir: dist, port: 0, host: '127.0.0.1' });
  const port = Number(new URL(server.url).port);
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/#/notes`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    // Deploy a "new version": a changed service worker, served by a restarted server.
    await server.close();
    await appendFile(join(dist, 'sw.js'), '\n// next version\n');
    server = await startServer({ distDir: dist, port, host: '127.0.0.1' });
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());

    await expect(page.getByText('New version available', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Reload', exact: true }).click();
    await page.waitForFunction(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return !registration?.waiting && (await (await fetch('/sw.js')).text()).includes('next version');
    });
    await expect(page.getByText('New version available', { exact: true })).toHaveCount(0);
  } finally {
    await context.close();
    await server.close();
    await rm(dist, { recursive: true, force: true });
  }
});
