import { expect, test } from '@playwright/test';
import { createNote, listTitles, openNotes } from './helpers.ts';

test('two tabs stay in step', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await openNotes(a);
  await openNotes(b);

  const id = await createNote(a, 'From tab A', 'hello');
  await expect(listTitles(b)).toHaveText(['From tab A']);

  // Both tabs open the same note; an edit in one shows in the other.
  await b.goto(`/#/notes/${id}`);
  await expect(b.getByRole('textbox', { name: 'Note', exact: true })).toHaveValue('hello');
  await a.getByRole('textbox', { name: 'Note', exact: true }).fill('hello from A');
  await expect(b.getByRole('textbox', { name: 'Note', exact: true })).toHaveValue('hello from A');
  await b.getByRole('textbox', { name: 'Title', exact: true }).fill('Renamed in B');
  await expect(b.getByText('Saved', { exact: true })).toBeVisible();
  await expect(a.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue('Renamed in B');
  await expect(listTitles(a)).toHaveText(['Renamed in B']);
});
