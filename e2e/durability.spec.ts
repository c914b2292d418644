import { expect, test } from '@playwright/test';
import { newNote, openNotes } from './helpers.ts';

test('50 notes, each waited on until "Saved", all survive an immediate reload', async ({ page }) => {
  test.setTimeout(180_000);
  await openNotes(page);
  const titles: string[] = [];
  for (let i = 1; i <= 50; i++) {
    const title = `Durable ${i}`;
    titles.push(title);
    await newNote(page);
    await page.getByRole('textbox', { name: 'Title', exact: true }).fill(title);
    await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  }
  await page.reload();
  const list = page.getByRole('list', { name: 'Notes', exact: true }).locator('.title');
  await expect(list).toHaveCount(50);
  expect((await list.allTextContents()).sort()).toEqual(titles.sort());
});
