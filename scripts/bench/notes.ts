// Notes area: bulk insert, cold start with 10,000 notes, edit-to-persisted latency and
// IndexedDB size, all through the page's `__jarvis.data()` API (workers/data/api.ts).
//
// Each run uses a fresh on-disk Chromium profile (lib/app.ts `profile()`), not an
// off-the-record context: those keep IndexedDB in memory, which flatters insert and
// cold-start times and reports a different size than a user's disk would.
import type { Page } from 'playwright-core';
import type { BenchApp, Profile } from './lib/app.ts';
import { noteGenerator } from './lib/noteText.ts';
import { median, prng, round } from './lib/stats.ts';
import type { BenchArea, BenchContext, Figures } from './lib/types.ts';
import { firstListTime, measureUiSave, openNotes, storageBytes, watchFirstListItems, type JarvisGlobal } from './notes/page.ts';

const NOTES = 10_000;
const BATCH = 500;
const WARMUP_NOTES = 500;
const INSERT_RUNS = 3;
const RELOADS = 5; // reload times vary ±40 % here: more samples than the minimum of 3
const SAVES = 120;
const SESSIONS = 20;
const EDITS = 8;
const SAVE_WARMUPS = 10;
const UI_SAVES = 15;

type Note = { title: string; body: string };

export default {
  name: 'notes',
  figures: {
    insert_10k_s: { unit: 's' },
    cold_start_10k_ms: { unit: 'ms', goal: '≤ 1000' },
    cold_start_10k_new_page_ms: { unit: 'ms', goal: '≤ 1000' },
    save_p50_ms: { unit: 'ms', goal: '≤ 30' },
    save_unopened_p50_ms: { unit: 'ms' },
    save_ui_p50_ms: { unit: 'ms', goal: '≤ 30' },
    idb_bytes_10k: { unit: 'bytes' },
  },

  async run(ctx: BenchContext): Promise<Figures> {
    const app = await ctx.app();
    ctx.log(`generating ${NOTES} notes from seed ${ctx.seed}`);
    const next = noteGenerator(ctx.seed);
    const notes: Note[] = Array.from({ length: NOTES }, next);
    const figures: Figures = {};

    // Warm-up: a fresh profile, its empty IndexedDB size (the baseline), then a small insert
    // so Chromium's code caches and the worker's code paths are warm for the timed runs.
    let emptyBytes: number | null = null;
    await withProfile(app, async (page) => {
      await openNotes(page, app.url);
      emptyBytes = await storageBytes(page);
      ctx.log(`empty app: ${emptyBytes} bytes of IndexedDB; warm-up insert of ${WARMUP_NOTES} notes`);
      await insert(page, notes.slice(0, WARMUP_NOTES), ctx);
    });

    // Timed inserts, each in a fresh profile; the last profile is kept for the other figures.
    const insertTimes: number[] = [];
    let kept: { profile: Profile & { dir: string }; page: Page; ids: string[] } | null = null;
    for (let run = 1; run <= INSERT_RUNS; run++) {
      const profile = await app.profile();
      try {
        const page = await profile.context.newPage();
        await openNotes(page, app.url);
        const { seconds, ids } = await insert(page, notes, ctx);
        ctx.log(`insert run ${run}/${INSERT_RUNS}: ${seconds.toFixed(2)} s for ${NOTES} notes`);
        insertTimes.push(seconds);
        if (run === INSERT_RUNS) kept = { profile, page, ids };
      } catch (error) {
        ctx.log(`insert run ${run} failed: ${(error as Error).message}`);
      } finally {
        if (kept?.profile !== profile) await profile.close();
      }
    }
    if (insertTimes.length === INSERT_RUNS) figures.insert_10k_s = round(median(insertTimes), 2);
    else ctx.fail('insert_10k_s', `only ${insertTimes.length} of ${INSERT_RUNS} insert runs succeeded (see log)`);
    if (!kept) {
      for (const key of ['cold_start_10k_ms', 'cold_start_10k_new_page_ms', 'save_p50_ms', 'save_unopened_p50_ms', 'save_ui_p50_ms', 'idb_bytes_10k']) {
        ctx.fail(key, 'no profile with 10,000 notes (every insert run failed)');
      }
      return figures;
    }

    const { profile, ids } = kept;
    let page = kept.page;
    try {
      await attempt(ctx, figures, 'idb_bytes_10k', async () => {
        if (emptyBytes === null) throw new Error('no empty-app baseline');
        const bytes = await storageBytes(page);
        ctx.log(`IndexedDB after ${NOTES} notes: ${bytes} bytes (empty app: ${emptyBytes})`);
        return bytes - emptyBytes;
      });

      await profile.context.addInitScript(watchFirstListItems);
      await attempt(ctx, figures, 'cold_start_10k_ms', async () => {
        const times = await repeat(RELOADS, async () => {
          await page.reload({ waitUntil: 'commit' });
          return firstListTime(page);
        });
        ctx.log(`cold start, reload: ${fmt(times)} ms (first is the warm-up)`);
        return round(median(times.slice(1)), 1);
      });
      await attempt(ctx, figures, 'cold_start_10k_new_page_ms', async () => {
        // A new tab: the old one is closed first, so its worker is gone and nothing is shared.
        const times = await repeat(RELOADS, async () => {
          await page.close();
          page = await profile.context.newPage();
          await page.goto(`${app.url}/#/notes`, { waitUntil: 'commit' });
          return firstListTime(page);
        });
        ctx.log(`cold start, new page: ${fmt(times)} ms (first is the warm-up)`);
        return round(median(times.slice(1)), 1);
      });

      // Edit-to-persisted as a user edits: a note is opened (the editor's watch, untimed), then
      // typed into, each keystroke a save timed until committed. Automerge's first local change
      // to a loaded document costs ~8 ms more than later ones, so it is one sample in EDITS.
      // The same on notes never opened is its own figure: that adds loading the document.
      const random = prng(ctx.seed + 1);
      const picks = new Set<string>();
      while (picks.size < SESSIONS + SAVE_WARMUPS + SAVES) picks.add(ids[Math.floor(random() * ids.length)]);
      const [openIds, coldIds] = [[...picks].slice(0, SESSIONS), [...picks].slice(SESSIONS)];
      await attempt(ctx, figures, 'save_p50_ms', async () => {
        const timed = await timeTyping(page, openIds, EDITS);
        const firsts = timed.filter((_, i) => i % EDITS === 0);
        ctx.log(`save while typing: p50 ${median(timed).toFixed(1)} ms over ${timed.length} edits in ${openIds.length} notes; first edit of a note p50 ${median(firsts).toFixed(1)} ms`);
        return round(median(timed), 1);
      });
      await attempt(ctx, figures, 'save_unopened_p50_ms', async () => {
        const timed = (await timeSaves(page, coldIds, ctx.seed)).slice(SAVE_WARMUPS);
        ctx.log(`save of a note never opened: p50 ${median(timed).toFixed(1)} ms over ${timed.length} notes`);
        return round(median(timed), 1);
      });

      await attempt(ctx, figures, 'save_ui_p50_ms', async () => {
        const times: number[] = [];
        for (const id of ids.slice(0, UI_SAVES + 2)) times.push(await measureUiSave(page, id));
        ctx.log(`save via the editor: ${fmt(times)} ms (first two are warm-ups)`);
        return round(median(times.slice(2)), 1);
      });
      // For the log only: IndexedDB compacts in the background, so the size drifts after the inserts.
      ctx.log(`IndexedDB at the end: ${await storageBytes(page).catch(() => "?")} bytes`);
    } finally {
      await profile.close();
    }
    return figures;
  },
} satisfies BenchArea;

/** Inserts `notes` in batches of BATCH; seconds from the first call until the last resolved (committed). */
async function insert(page: Page, notes: Note[], ctx: BenchContext): Promise<{ seconds: number; ids: string[] }> {
  // The notes go to the page first so the timed loop does not include shipping them over CDP.
  await page.evaluate((all) => ((globalThis as unknown as { __benchNotes: unknown }).__benchNotes = all), notes);
  const ids: string[] = [];
  let elapsedMs = 0;
  for (let start = 0; start < notes.length; start += BATCH) {
    const result = await page.evaluate(
      async ({ start, end }) => {
        const g = globalThis as unknown as JarvisGlobal & { __benchNotes: Note[]; __benchT0?: number };
        const remote = await g.__jarvis.data();
        g.__benchT0 ??= performance.now(); // the clock starts at the first batch
        const batchIds = await remote.createNotes(g.__benchNotes.slice(start, end));
        return { batchIds, elapsedMs: performance.now() - g.__benchT0 };
      },
      { start, end: start + BATCH },
    );
    ids.push(...result.batchIds);
    elapsedMs = result.elapsedMs;
    if ((start + BATCH) % 2000 === 0) ctx.log(`  ${start + BATCH} notes, ${(elapsedMs / 1000).toFixed(1)} s`);
  }
  if (ids.length !== notes.length) throw new Error(`createNotes returned ${ids.length} ids for ${notes.length} notes`);
  return { seconds: elapsedMs / 1000, ids };
}

/** updateNote once on each id in turn (none opened before), each call timed in the page. */
function timeSaves(page: Page, ids: string[], seed: number): Promise<number[]> {
  return page.evaluate(
    async ({ ids, seed }) => {
      const remote = await (globalThis as unknown as JarvisGlobal).__jarvis.data();
      const times: number[] = [];
      for (const [i, id] of ids.entries()) {
        const body = `Edited by the benchmark (seed ${seed}, edit ${i}). `.repeat(6);
        const t0 = performance.now();
        await remote.updateNote(id, { body });
        times.push(performance.now() - t0);
      }
      return times;
    },
    { ids, seed },
  );
}

/** Opens each note as the editor does, then types `edits` characters, timing each save. */
function timeTyping(page: Page, ids: string[], edits: number): Promise<number[]> {
  return page.evaluate(
    async ({ ids, edits }) => {
      const remote = await (globalThis as unknown as JarvisGlobal).__jarvis.data();
      const times: number[] = [];
      for (const [i, id] of ids.entries()) {
        await remote.watchNote(`bench-typing-${i}`, id);
        let body = 'Typed by the benchmark: ';
        for (let k = 0; k < edits; k++) {
          body += 'abcdefghij'[k % 10];
          const t0 = performance.now();
          await remote.updateNote(id, { body });
          times.push(performance.now() - t0);
        }
        remote.unwatch(`bench-typing-${i}`);
      }
      return times;
    },
    { ids, edits },
  );
}

/** Opens a fresh profile, runs `body` on a page, closes the profile whatever happens. */
async function withProfile(app: BenchApp, body: (page: Page) => Promise<void>): Promise<void> {
  const profile = await app.profile();
  try {
    await body(await profile.context.newPage());
  } finally {
    await profile.close();
  }
}

/** Measures one figure; a failure makes it null with its reason instead of ending the area. */
async function attempt(ctx: BenchContext, figures: Figures, key: string, measure: () => Promise<number>): Promise<void> {
  try {
    figures[key] = await measure();
  } catch (error) {
    ctx.fail(key, (error as Error).message.split('\n')[0]);
  }
}

/** A warm-up run then `times` timed runs, in order (the caller drops the first). */
async function repeat(times: number, run: () => Promise<number>): Promise<number[]> {
  const results: number[] = [];
  for (let i = 0; i <= times; i++) results.push(await run());
  return results;
}

const fmt = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');
