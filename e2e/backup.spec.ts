import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { createNote, listTitles, openNotes } from './helpers.ts';

async function exportBackup(page: Page): Promise<string> {
  await page.goto('/#/system');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export backup', exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^jarvis-backup-\d{4}-\d{2}-\d{2}\.json$/);
  return (await file.path())!;
}

async function importBackup(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  await page.goto('/#/system');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import backup', exact: true }).click();
  await (await chooser).setFiles(file);
}

test('export, import into another device, import twice, keep both sides', async ({ browser }) => {
  const one = await browser.newPage();
  await openNotes(one);
  await createNote(one, 'Alpha', 'from device one');
  await createNote(one, 'Beta', 'also from one');
  const path = await exportBackup(one);

  const two = await browser.newPage(); // a separate context: another device
  await openNotes(two);
  await createNote(two, 'Gamma', 'only on device two');
  await importBackup(two, path);
  await expect(two.getByText('Backup imported: 2 new, 0 merged')).toBeVisible();
  await importBackup(two, path);
  await expect(two.getByText('Backup imported: 0 new, 2 merged')).toBeVisible();
  await two.goto('/#/notes');
  await expect(listTitles(two)).toHaveText(['Gamma', 'Beta', 'Alpha']);
  await one.context().close();
  await two.context().close();
});

test('a corrupt or foreign file gets a clear message and changes nothing', async ({ page }) => {
  await openNotes(page);
  await createNote(page, 'Precious', 'do not lose me');
  const good = JSON.parse(await readFile(await exportBackup(page), 'utf8'));
  const bad = [
    { name: 'photo.json', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), message: /not a Jarvis backup/ },
    { name: 'other.json', buffer: Buffer.from('{"some": "thing"}'), message: /not a Jarvis backup/ },
    {
      name: 'damaged.json',
      buffer: Buffer.from(JSON.stringify({ ...good, docs: [{ ...good.docs[0], data: 'AAAA' + good.docs[0].data.slice(8) }] })),
      message: /damaged/,
    },
  ];
  for (const { name, buffer, message } of bad) {
    await importBackup(page, { name, mimeType: 'application/json', buffer });
    await expect(page.getByRole('alert')).toHaveText(message);
  }
  await page.goto('/#/notes');
  await expect(listTitles(page)).toHaveText(['Precious']);
});

test('notes export as a zip of Markdown files', async ({ page }) => {
  await openNotes(page);
  await createNote(page, 'Recipe', '# Pancakes\n- flour');
  await page.goto('/#/system');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export notes as Markdown', exact: true }).click();
  const files = unzipSync(await readFile((await (await download).path())!));
  expect(Object.keys(files)).toEqual(['Recipe.md']);
  expect(new TextDecoder().decode(files['Recipe.md'])).toContain('- flour');
});
