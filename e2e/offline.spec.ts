import { expect, test } from '@playwright/test';
import { createNote, listTitles, openNotes } from './helpers.ts';

test('after one online visit, the app and its notes load offline', async ({ context, page }) => {
  await openNotes(page);
  await createNote(page, 'Written online', 'x');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await expect(page.getByText('Ready to work offline')).toBeVisible();

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Notes', exact: true })).toBeVisible();
  await page.goto('/#/notes');
  await expect(listTitles(page)).toHaveText(['Written online']);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  // Notes still save offline.
  await createNote(page, 'Written offline', 'y');
  await expect(listTitles(page)).toHaveText(['Written offline', 'Written online']);
});
