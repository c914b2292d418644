// System: Health (workers, counts, score and its reasons), errors in the log, a protected
// backup between two devices, About's notices, and "Delete all data".
import { expect, test, type Page } from '@playwright/test';
import { createNote, listTitles, openNotes } from './helpers.ts';

async function openSystem(page: Page): Promise<void> {
  await page.goto('/#/system');
  await expect(page.getByTestId('health-score')).toBeVisible();
}

test('health shows the workers, the documents and a score with its reasons', async ({ page }) => {
  await openNotes(page);
  await createNote(page, 'Counted', 'one note');
  await openSystem(page);
  const workers = page.getByRole('table', { name: 'Workers' });
  await expect(workers.getByRole('row', { name: /^data running \d+(\.\d)? ms$/ })).toBeVisible();
  for (const name of ['data', 'inference', 'quantum', 'wake-word']) await expect(workers.getByRole('rowheader', { name, exact: true })).toBeVisible();
  await expect(page.getByTestId('document-counts')).toContainText('Notes: 1');
  await expect(page.getByTestId('health-score')).toHaveText(/Health score: \d+ \/ 100/);

  // An uncaught error is logged as an error and lowers the score, with the reason; the score
  // is always 100 minus the points of the reasons listed.
  await page.evaluate(() => setTimeout(() => {
    throw new Error('test failure for the log');
  }));
  await expect(page.getByRole('list', { name: 'System log entries' })).toContainText('test failure for the log');
  const reasons = page.getByRole('list', { name: 'What lowers the score' });
  await expect(reasons).toContainText('1 error in the last 24 hours');
  await expect
    .poll(async () => {
      const score = Number((await page.getByTestId('health-score').textContent())!.match(/(\d+) \/ 100/)![1]);
      const points = (await reasons.locator('.points').allTextContents()).reduce((sum, p) => sum + Number(p.replace('−', '')), 0);
      return score === Math.max(0, 100 - points);
    })
    .toBe(true);
});

test('a protected backup needs its passphrase; a wrong one changes nothing', async ({ browser }) => {
  const one = await browser.newPage();
  await openNotes(one);
  await createNote(one, 'Secret plan', 'the vault code is 5150');
  await openSystem(one);
  await one.getByRole('checkbox', { name: 'Protect the backup with a passphrase' }).check();
  await one.getByLabel('Backup passphrase').fill('tr0ub4dor & 3');
  const download = one.waitForEvent('download');
  await one.getByRole('button', { name: 'Export backup', exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^jarvis-backup-\d{4}-\d{2}-\d{2}-protected\.json$/);
  const path = (await file.path())!;

  const two = await browser.newPage();
  await openNotes(two);
  await createNote(two, 'Mine', 'stays');
  await openSystem(two);
  const chooser = two.waitForEvent('filechooser');
  await two.getByRole('button', { name: 'Import backup', exact: true }).click();
  await (await chooser).setFiles(path);
  const form = two.getByRole('form', { name: 'Protected backup' });
  await form.getByLabel('Passphrase of the backup').fill('wrong');
  await form.getByRole('button', { name: 'Import protected backup' }).click();
  await expect(two.getByRole('alert')).toHaveText('The passphrase is wrong, or the protected backup is damaged. Nothing was changed.');
  await form.getByLabel('Passphrase of the backup').fill('tr0ub4dor & 3');
  await form.getByRole('button', { name: 'Import protected backup' }).click();
  await expect(two.getByText('Backup imported: 1 new, 0 merged')).toBeVisible();
  await two.goto('/#/notes');
  await expect(listTitles(two)).toHaveText(['Mine', 'Secret plan']);
  await one.context().close();
  await two.context().close();
});

test('About carries the WordNet notice and the wake-word licence', async ({ page }) => {
  await openSystem(page);
  const about = page.getByRole('region', { name: 'About' });
  await about.getByText('Licences and notices').click();
  await expect(about).toContainText('WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.');
  await expect(about).toContainText('CC BY-NC-SA 4.0');
  await expect(about).toContainText('Xenova/whisper-tiny');
});

test('"Delete all data" asks first, then leaves an empty app', async ({ page }) => {
  await openNotes(page);
  await createNote(page, 'Doomed', 'goes away');
  await openSystem(page);
  await page.getByRole('button', { name: 'Delete all data…' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('It cannot be undone');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await openNotes(page);
  await expect(listTitles(page)).toHaveText(['Doomed']);

  await openSystem(page);
  await page.getByRole('checkbox', { name: 'Read replies aloud' }).or(page.getByTestId('no-voices')).first().waitFor();
  await page.evaluate(() => localStorage.setItem('jarvis.voice', JSON.stringify({ speakReplies: true })));
  await page.getByRole('button', { name: 'Delete all data…' }).click();
  await page.getByRole('button', { name: 'Delete everything' }).click();
  await page.waitForURL(/#\/$/);
  await expect(page.getByRole('button', { name: 'Voice input' })).toBeVisible();
  await openNotes(page);
  await expect(page.getByText('No notes yet.')).toBeVisible();
  await expect(listTitles(page)).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('jarvis.voice'))).toBeNull();
  // The app opens fresh, empty databases again.
  await expect.poll(() => page.evaluate(async () => (await indexedDB.databases()).length)).toBeGreaterThan(0);
});
