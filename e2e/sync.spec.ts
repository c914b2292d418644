// Devices are browser contexts; they meet through the real signaling server on 127.0.0.1
// and sync over real WebRTC DataChannels.
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { createNote, listTitles, openFromList, openNotes } from './helpers.ts';

interface Device {
  context: BrowserContext;
  page: Page;
}

async function device(browser: Browser): Promise<Device> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/#/sync');
  return { context, page };
}

async function createLink(a: Device): Promise<string> {
  await a.page.getByRole('button', { name: 'Create sync link', exact: true }).click();
  const link = (await a.page.getByTestId('sync-link').textContent())!.trim();
  expect(link).toMatch(/\/#\/join\/v1\/[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{6}$/);
  return link;
}

async function joinByPaste(b: Device, link: string): Promise<void> {
  await b.page.getByRole('textbox', { name: 'Sync link', exact: true }).fill(link);
  await b.page.getByRole('button', { name: 'Join', exact: true }).click();
}

function status(d: Device) {
  return d.page.getByTestId('header-sync-status');
}

test('A makes a link, B opens it and joins; notes made on either show on both', async ({ browser }) => {
  const a = await device(browser);
  const b = await device(browser);
  try {
    const link = await createLink(a);
    await expect(status(a)).toHaveText('Synced · 0 devices');
    await expect(a.page.getByText('No other device of this space is online right now')).toBeVisible();

    // Opening the link asks first.
    await b.page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    await expect(b.page.getByRole('heading', { name: 'Join a sync space?' })).toBeVisible();
    await b.page.getByRole('button', { name: 'Join this sync space' }).click();

    await expect(status(a)).toHaveText('Synced · 1 device');
    await expect(status(b)).toHaveText('Synced · 1 device');
    await expect(b.page.getByRole('list', { name: 'Other devices' })).toContainText('online');

    await openNotes(a.page);
    await createNote(a.page, 'Made on A', 'alpha');
    await openNotes(b.page);
    await expect(listTitles(b.page)).toContainText(['Made on A']);

    await createNote(b.page, 'Made on B', 'beta');
    await expect(listTitles(a.page)).toContainText(['Made on B']);
  } finally {
    await a.context.close();
    await b.context.close();
  }
});

test('a damaged link is refused with a clear message and changes nothing', async ({ browser }) => {
  const a = await device(browser);
  const b = await device(browser);
  try {
    const link = await createLink(a);
    const damaged = link.slice(0, -8) + (link.at(-8) === 'A' ? 'B' : 'A') + link.slice(-7);
    await joinByPaste(b, damaged);
    await expect(b.page.getByRole('alert')).toHaveText('This sync link is damaged (a character is wrong or missing). Ask for a new one.');
    await expect(status(b)).toHaveCount(0);
    await expect(b.page.getByRole('button', { name: 'Create sync link', exact: true })).toBeVisible();

    await joinByPaste(b, 'https://example.com/#/notes');
    await expect(b.page.getByRole('alert')).toHaveText('This is not a Jarvis sync link.');

    // Opened as a URL, the damaged link is refused before anything is asked.
    await b.page.goto(damaged.replace(/^https?:\/\/[^/]+/, ''));
    await expect(b.page.getByRole('alert')).toContainText('damaged');
    await expect(b.page.getByRole('button', { name: 'Join this sync space' })).toHaveCount(0);
    await expect(status(a)).toHaveText('Synced · 0 devices');
  } finally {
    await a.context.close();
    await b.context.close();
  }
});

/** A, B (and C) in one space, each showing "Synced · N devices". */
async function space(browser: Browser, count: number): Promise<Device[]> {
  const devices = [await device(browser)];
  const link = await createLink(devices[0]);
  for (let i = 1; i < count; i++) {
    const next = await device(browser);
    await joinByPaste(next, link);
    devices.push(next);
  }
  for (const d of devices) await expect(status(d)).toHaveText(`Synced · ${count - 1} device${count === 2 ? '' : 's'}`);
  return devices;
}

async function closeAll(devices: Device[]) {
  for (const d of devices) await d.context.close();
}

async function appendToNote(page: Page, title: string, text: string) {
  await openNotes(page);
  await openFromList(page, title);
  const body = page.getByRole('textbox', { name: 'Note', exact: true });
  await body.press('End');
  await body.pressSequentially(text);
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
}

test('both devices edit the same note offline; after reconnecting both edits are on both', async ({ browser }) => {
  const devices = await space(browser, 2);
  const [a, b] = devices;
  try {
    await openNotes(a.page);
    await createNote(a.page, 'Shopping', 'milk');
    await openNotes(b.page);
    await expect(listTitles(b.page)).toContainText(['Shopping']);

    await a.context.setOffline(true);
    await b.context.setOffline(true);
    await expect(status(a)).toHaveText('Offline');
    await expect(status(b)).toHaveText('Offline');
    await appendToNote(a.page, 'Shopping', ' eggs');
    await appendToNote(b.page, 'Shopping', ' bread');

    await a.context.setOffline(false);
    await b.context.setOffline(false);
    await expect(status(a)).toHaveText('Synced · 1 device');
    for (const d of devices) {
      const body = d.page.getByRole('textbox', { name: 'Note', exact: true });
      await expect(body).toHaveValue(/eggs/);
      await expect(body).toHaveValue(/bread/);
      await expect(body).toHaveValue(/^milk/);
    }
  } finally {
    await closeAll(devices);
  }
});

test('a device that joins late receives everything', async ({ browser }) => {
  const devices = await space(browser, 2);
  const [a, b] = devices;
  try {
    await openNotes(a.page);
    await createNote(a.page, 'Early on A', 'one');
    await openNotes(b.page);
    await createNote(b.page, 'Early on B', 'two');
    await expect(listTitles(a.page)).toContainText(['Early on B']);

    const c = await device(browser);
    devices.push(c);
    await joinByPaste(c, await linkOf(a));
    await expect(status(c)).toHaveText('Synced · 2 devices');
    await openNotes(c.page);
    await expect(listTitles(c.page)).toHaveCount(2);
    await expect(listTitles(c.page).filter({ hasText: 'Early on A' })).toHaveCount(1);
    await expect(listTitles(c.page).filter({ hasText: 'Early on B' })).toHaveCount(1);
  } finally {
    await closeAll(devices);
  }
});

async function linkOf(d: Device): Promise<string> {
  await d.page.goto('/#/sync');
  return (await d.page.getByTestId('sync-link').textContent())!.trim();
}

test('rotating the link while C is offline leaves C out', async ({ browser }) => {
  const devices = await space(browser, 3);
  const [a, b, c] = devices;
  try {
    const oldLink = await linkOf(a);
    await c.context.setOffline(true);
    await expect(status(a)).toHaveText('Synced · 1 device');

    await a.page.getByRole('button', { name: 'Rotate link' }).click();
    await expect(a.page.getByTestId('sync-link')).not.toHaveText(oldLink);
    const newLink = await linkOf(a);
    await expect(b.page.getByTestId('sync-link')).toHaveText(newLink);
    await expect(status(a)).toHaveText('Synced · 1 device');
    await expect(status(b)).toHaveText('Synced · 1 device');

    await c.context.setOffline(false);
    await expect(status(c)).toHaveText('Synced · 0 devices');
    await expect(c.page.getByTestId('sync-link')).toHaveText(oldLink);

    await openNotes(a.page);
    await createNote(a.page, 'After rotation', 'secret plans');
    await openNotes(b.page);
    await expect(listTitles(b.page)).toContainText(['After rotation']);
    // C is left in the old space, alone: it hears nothing new.
    await openNotes(c.page);
    await expect(c.page.getByText('After rotation')).toHaveCount(0);
    await expect(status(c)).toHaveText('Synced · 0 devices');
  } finally {
    await closeAll(devices);
  }
});

test('no request or signaling frame carries the secret or note text, in plain, base64 or hex', async ({ browser }) => {
  const captured: string[] = [];
  const record = (d: Device) => {
    d.page.on('request', (request) => captured.push(request.url(), request.postData() ?? ''));
    d.page.on('websocket', (socket) => {
      socket.on('framesent', (frame) => captured.push(String(frame.payload)));
      socket.on('framereceived', (frame) => captured.push(String(frame.payload)));
    });
  };
  const a = await device(browser);
  const b = await device(browser);
  record(a);
  record(b);
  try {
    const link = await createLink(a);
    await joinByPaste(b, link);
    await expect(status(b)).toHaveText('Synced · 1 device');
    const text = 'Confidential mango sorbet recipe';
    await openNotes(a.page);
    await createNote(a.page, 'Private', text);
    await openNotes(b.page);
    await expect(listTitles(b.page)).toContainText(['Private']);

    const secret = /#\/join\/v1\/([A-Za-z0-9_-]{43})\./.exec(link)![1];
    const secretBytes = Buffer.from(secret, 'base64url');
    const forbidden = [
      secret,
      secretBytes.toString('base64'),
      secretBytes.toString('hex'),
      text,
      Buffer.from(text).toString('base64'),
      Buffer.from(text).toString('base64url'),
      Buffer.from(text).toString('hex'),
    ];
    expect(captured.filter((c) => c.includes('"type":"signal"')).length).toBeGreaterThan(2);
    for (const item of captured) {
      for (const needle of forbidden) expect(item.toLowerCase().includes(needle.toLowerCase()), `found ${needle} in ${item.slice(0, 80)}`).toBe(false);
    }
  } finally {
    await a.context.close();
    await b.context.close();
  }
});

test('where BarcodeDetector exists, scanning the QR code offers to join', async ({ browser }) => {
  const a = await device(browser);
  const link = await createLink(a);
  const context = await browser.newContext();
  // Linux Chromium has no BarcodeDetector: stand one in that "reads" the link, and a canvas as the camera.
  await context.addInitScript((text) => {
    (globalThis as unknown as { BarcodeDetector: unknown }).BarcodeDetector = class {
      async detect() {
        return [{ rawValue: text }];
      }
    };
    navigator.mediaDevices.getUserMedia = async () => {
      const canvas = document.createElement('canvas');
      canvas.getContext('2d')!.fillRect(0, 0, 10, 10);
      return canvas.captureStream();
    };
  }, link);
  const page = await context.newPage();
  try {
    await page.goto('/#/sync');
    await page.getByRole('button', { name: 'Scan QR code' }).click();
    await page.getByRole('button', { name: 'Join this sync space' }).click();
    await expect(page.getByTestId('header-sync-status')).toHaveText('Synced · 1 device');
  } finally {
    await context.close();
    await a.context.close();
  }
});
