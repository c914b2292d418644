// Devices are browser contexts; they meet through the real signaling server on 127.0.0.1
// and sync over real WebRTC DataChannels.
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { createNote, listTitles, openNotes } from './helpers.ts';

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
