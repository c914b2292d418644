import { expect, type Page } from '@playwright/test';

/** Opens Notes, makes a note through the UI and waits until it is saved. */
export async function createNote(page: Page, title: string, body = ''): Promise<string> {
  await newNote(page);
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill(title);
  if (body) await page.getByRole('textbox', { name: 'Note', exact: true }).fill(body);
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  const id = /#\/notes\/([^/]+)/.exec(page.url())?.[1];
  if (!id) throw new Error(`no note id in ${page.url()}`);
  return id;
}

/** Clicks "New note" and waits for the new, empty note's editor (not the previous one's). */
export async function newNote(page: Page): Promise<void> {
  const before = page.url();
  await page.getByRole('button', { name: 'New note', exact: true }).click();
  await page.waitForURL((url) => url.href !== before && /^#\/notes\/./.test(url.hash));
  await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue('');
}

/** The titles in the note list, top to bottom. */
export function listTitles(page: Page) {
  return page.getByRole('list', { name: 'Notes', exact: true }).locator('.title');
}

export async function openNotes(page: Page): Promise<void> {
  await page.goto('/#/notes');
  await expect(page.getByRole('button', { name: 'New note', exact: true })).toBeVisible();
}

/** Opens the listed note whose title is exactly `title`. */
export async function openFromList(page: Page, title: string): Promise<void> {
  await page.getByRole('list', { name: 'Notes', exact: true }).locator('.title').getByText(title, { exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue(title);
}
