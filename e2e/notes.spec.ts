import { expect, test } from '@playwright/test';
import { createNote, listTitles, openFromList, openNotes } from './helpers.ts';

test.beforeEach(async ({ page }) => {
  await openNotes(page);
});

test('a new note is edited, saved and listed; the list orders pinned first, then by last update', async ({ page }) => {
  await createNote(page, 'First', 'one');
  await createNote(page, 'Second', 'two');
  await createNote(page, 'Third', 'three');
  await expect(listTitles(page)).toHaveText(['Third', 'Second', 'First']);

  await openFromList(page, 'First');
  await page.getByRole('textbox', { name: 'Note', exact: true }).fill('one, edited');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  await expect(listTitles(page)).toHaveText(['First', 'Third', 'Second']);

  await openFromList(page, 'Second');
  await page.getByRole('button', { name: 'Pin', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Unpin', exact: true })).toBeVisible();
  await expect(listTitles(page)).toHaveText(['Second', 'First', 'Third']);
  await expect(page.getByRole('link', { name: /Second/ }).getByText('Pinned', { exact: true })).toBeVisible();
});

test('keyword filter, tags and archive', async ({ page }) => {
  await createNote(page, 'Router', 'The wifi password is tulip-42');
  await page.getByRole('textbox', { name: 'Tags', exact: true }).fill('home, network');
  await page.getByRole('textbox', { name: 'Tags', exact: true }).press('Enter');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  await createNote(page, 'Groceries', 'milk and bread');

  const search = page.getByRole('searchbox', { name: 'Search notes', exact: true });
  await search.fill('TULIP');
  await expect(listTitles(page)).toHaveText(['Router']);
  await search.fill('network');
  await expect(listTitles(page)).toHaveText(['Router']);
  await search.fill('nothing like this');
  await expect(page.getByText('No notes match.')).toBeVisible();
  await search.fill('');

  await openFromList(page, 'Groceries');
  await page.getByRole('button', { name: 'Archive', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Unarchive', exact: true })).toBeVisible();
  await expect(listTitles(page)).toHaveText(['Router']);
  await page.getByRole('button', { name: 'Archived', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Archived notes' }).locator('.title')).toHaveText(['Groceries']);
});

test('delete with Undo', async ({ page }) => {
  await createNote(page, 'Keep', 'k');
  await createNote(page, 'Throw away', 'x');
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(listTitles(page)).toHaveText(['Keep']);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(listTitles(page)).toHaveText(['Throw away', 'Keep']);
  await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue('Throw away');
});

test('Markdown renders, and nothing in a note can run script', async ({ page }) => {
  const attacks = [
    '# Heading',
    '**bold** and [site](https://example.org)',
    '<script>window.__pwned = "script"</script>',
    '<img src=x onerror="window.__pwned = \'onerror\'">',
    '[click](javascript:window.__pwned=\'link\')',
    '<a href="javascript:window.__pwned=\'anchor\'">anchor</a>',
    '<svg><script>window.__pwned="svg"</script></svg>',
    '<iframe src="javascript:parent.__pwned=\'iframe\'"></iframe>',
  ].join('\n\n');
  await createNote(page, 'Hostile', attacks);
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const preview = page.getByTestId('note-preview');
  await expect(preview.getByRole('heading', { name: 'Heading' })).toBeVisible();
  await expect(preview.locator('strong')).toHaveText('bold');
  await expect(preview.getByRole('link', { name: 'site' })).toHaveAttribute('rel', 'noopener noreferrer');
  const html = await preview.innerHTML();
  expect(html).not.toMatch(/<script|onerror|javascript:|<iframe/i);
  await page.getByText('click').click(); // a link whose javascript: URL was removed
  await page.getByText('anchor').click();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
});

test('[[Title]] links follow renames and show backlinks', async ({ page }) => {
  const target = await createNote(page, 'Groceries', 'milk');
  await createNote(page, 'Plan', 'Buy what is on [[Groceries]]. See also [[Nowhere]].');
  await openFromList(page, 'Groceries');
  await expect(page.getByRole('region', { name: 'Linked from' }).getByRole('link')).toHaveText(['Plan']);
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Shopping list');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();

  await openFromList(page, 'Plan');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const link = page.getByTestId('note-preview').getByRole('link', { name: 'Shopping list' });
  await expect(link).toHaveAttribute('href', `#/notes/${target}`);
  await expect(page.getByTestId('note-preview').getByText('Nowhere')).toHaveClass(/missing/);
  await link.click();
  await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue('Shopping list');
});
