// What the notes area runs inside the page. Functions passed to page.evaluate are sent as
// source text, so they avoid named inner functions (tsx would wrap them in a `__name`
// helper that does not exist in the page).
import type { Page } from 'playwright-core';
import type { Remote } from 'comlink';
import type { DataApi } from '../../../workers/data/api.ts';

/** What src/main.ts exposes for benchmarks and end-to-end tests. */
export type JarvisGlobal = { __jarvis: { data(): Promise<Remote<DataApi>> } };

const FIRST_ITEMS = 50;

/** Opens the notes view and waits until the data worker answers. */
export async function openNotes(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/#/notes`);
  await page.waitForFunction(() => '__jarvis' in globalThis);
  await page.evaluate(async () => {
    await (await (globalThis as unknown as JarvisGlobal).__jarvis.data()).stats();
  });
}

/** Bytes of IndexedDB in this origin (the whole origin's usage when the browser gives no breakdown). */
export function storageBytes(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const estimate = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: { indexedDB?: number } };
    return estimate.usageDetails?.indexedDB ?? estimate.usage ?? 0;
  });
}

/**
 * Init script: records performance.now() (time origin = navigation start) the moment the
 * note list holds FIRST_ITEMS items, so the figure does not include Playwright's polling.
 */
export const watchFirstListItems = `(() => {
  const observer = new MutationObserver(() => {
    if (document.querySelectorAll('ul[aria-label="Notes"] > li').length < ${FIRST_ITEMS}) return;
    globalThis.__benchFirstList = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

/** Milliseconds from navigation start until the list showed its first items (see watchFirstListItems). */
export async function firstListTime(page: Page): Promise<number> {
  const handle = await page.waitForFunction(() => (globalThis as unknown as { __benchFirstList?: number }).__benchFirstList, null, {
    timeout: 60_000,
  });
  return (await handle.jsonValue()) as number;
}

/**
 * Opens note `id` in the editor, types one character into its body, and returns the
 * milliseconds from the keydown until the editor's status says "Saved".
 */
export async function measureUiSave(page: Page, id: string): Promise<number> {
  await page.evaluate((id) => (location.hash = `#/notes/${id}`), id);
  // Loaded: the body has arrived from the worker and is editable.
  await page.waitForFunction(() => {
    const field = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Note"]');
    return !!field && field.value.length > 0 && !field.readOnly;
  });
  await page.evaluate(() => {
    const field = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Note"]')!;
    const status = field.closest('article')?.querySelector('[role="status"]');
    if (!status) throw new Error('no save status next to the note body');
    const g = globalThis as unknown as { __benchSave: { t0?: number; t1?: number } };
    g.__benchSave = {};
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
    field.addEventListener('keydown', () => (g.__benchSave.t0 = performance.now()), { once: true });
    const observer = new MutationObserver(() => {
      if (g.__benchSave.t0 === undefined || status.textContent?.trim() !== 'Saved') return;
      g.__benchSave.t1 = performance.now();
      observer.disconnect();
    });
    observer.observe(status, { childList: true, subtree: true, characterData: true });
  });
  await page.keyboard.press('x');
  const handle = await page.waitForFunction(() => {
    const s = (globalThis as unknown as { __benchSave: { t0?: number; t1?: number } }).__benchSave;
    return s.t1 !== undefined && s.t0 !== undefined ? s.t1 - s.t0 : undefined;
  });
  return (await handle.jsonValue()) as number;
}
