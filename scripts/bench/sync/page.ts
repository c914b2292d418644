// What the sync area runs inside the pages of devices A and B. Functions passed to
// page.evaluate are sent as source text, so they avoid named inner functions (tsx would
// wrap them in a `__name` helper that does not exist in the page).
import type { Page } from 'playwright-core';
import type { JarvisGlobal } from '../notes/page.ts';

/** B's view of one initial sync, in ms after the click on "Join" (performance.now() in B). */
export interface SyncTimeline {
  /** The header first said "Synced · 1 device" (the DataChannel to A is open). */
  connectedMs: number | null;
  /** B's data first listed a note. */
  firstNoteMs: number | null;
  /** [ms, notes listed] each time the count changed. */
  samples: [number, number][];
  /** All `target` notes listed. */
  allMs: number;
  /** The click, as wall-clock ms (performance.timeOrigin + performance.now()). */
  clickWall: number;
}

/** DataChannel frames this page sent and received: [wall-clock ms, bytes] each (see dataChannelCounter). */
export interface ChannelTraffic {
  sent: [number, number][];
  received: [number, number][];
}

/**
 * Init script: logs every RTCDataChannel frame the page sends or receives, with the wall
 * clock (performance.timeOrigin + performance.now(), comparable between the two devices).
 */
export const dataChannelCounter = `(() => {
  const log = (globalThis.__benchDc = { sent: [], received: [] });
  const now = () => performance.timeOrigin + performance.now();
  const size = (data) => data?.byteLength ?? data?.size ?? data?.length ?? 0;
  const send = RTCDataChannel.prototype.send;
  RTCDataChannel.prototype.send = function (data) {
    log.sent.push([now(), size(data)]);
    return send.call(this, data);
  };
  const add = RTCDataChannel.prototype.addEventListener;
  const seen = new WeakSet();
  RTCDataChannel.prototype.addEventListener = function (type, listener, options) {
    if (type === 'message' && !seen.has(this)) {
      seen.add(this);
      add.call(this, 'message', (event) => log.received.push([now(), size(event.data)]));
    }
    return add.call(this, type, listener, options);
  };
})();`;

export function channelTraffic(page: Page): Promise<ChannelTraffic> {
  return page.evaluate(() => {
    const log = (globalThis as unknown as { __benchDc: ChannelTraffic }).__benchDc;
    return { sent: [...log.sent], received: [...log.received] };
  });
}

/** Empties the page's DataChannel log. */
export function resetTraffic(page: Page): Promise<void> {
  return page.evaluate(() => {
    const log = (globalThis as unknown as { __benchDc: ChannelTraffic }).__benchDc;
    log.sent.length = 0;
    log.received.length = 0;
  });
}

/** Opens the sync view and waits until the data worker answers. */
export async function openSync(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/#/sync`);
  await page.waitForFunction(() => '__jarvis' in globalThis);
  await page.evaluate(async () => {
    await (await (globalThis as unknown as JarvisGlobal).__jarvis.data()).stats();
  });
}

/** Creates `notes` through the data API in batches; returns their ids. */
export async function createNotes(page: Page, notes: { title: string; body: string }[], batch = 250): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < notes.length; start += batch) {
    const slice = notes.slice(start, start + batch);
    ids.push(
      ...(await page.evaluate(async (inits) => {
        return (await (globalThis as unknown as JarvisGlobal).__jarvis.data()).createNotes(inits);
      }, slice)),
    );
  }
  return ids;
}

/** Notes B's data lists (not archived, not deleted). */
export function noteTotal(page: Page): Promise<number> {
  return page.evaluate(async () => (await (await (globalThis as unknown as JarvisGlobal).__jarvis.data()).listNotes({ limit: 1 })).total);
}

/** A clicks "Create sync link" and reads it; resolves once A's header says it is in the room. */
export async function createLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Create sync link', exact: true }).click();
  const link = (await page.getByTestId('sync-link').textContent({ timeout: 15_000 }))?.trim() ?? '';
  if (!/\/#\/join\/v1\//.test(link)) throw new Error(`unexpected sync link "${link}"`);
  await waitForStatus(page, 'Synced · 0 devices');
  return link;
}

export async function waitForStatus(page: Page, text: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (text) => document.querySelector('[data-testid="header-sync-status"]')?.textContent?.trim() === text,
    text,
    { timeout },
  );
}

/**
 * B pastes the link and clicks "Join"; the clock starts at the click (a capturing listener
 * in B) and stops when B's data lists `target` notes. A poller in B (every 10 ms, one
 * listNotes at a time) records the header and the count as they change.
 */
export async function joinAndWait(page: Page, link: string, target: number, timeoutMs: number): Promise<SyncTimeline> {
  await page.getByRole('textbox', { name: 'Sync link', exact: true }).fill(link);
  await page.evaluate((target) => {
    type State = { t0?: number; connectedMs: number | null; firstNoteMs: number | null; samples: [number, number][]; allMs?: number; busy: boolean; last: number };
    const g = globalThis as unknown as JarvisGlobal & { __benchSync: State };
    const state: State = { connectedMs: null, firstNoteMs: null, samples: [], busy: false, last: -1 };
    g.__benchSync = state;
    document.addEventListener(
      'click',
      (event) => {
        const button = (event.target as Element | null)?.closest?.('button');
        if (state.t0 === undefined && button?.textContent?.trim() === 'Join') state.t0 = performance.now();
      },
      { capture: true },
    );
    const timer = setInterval(async () => {
      if (state.t0 === undefined || state.busy || state.allMs !== undefined) return;
      const header = document.querySelector('[data-testid="header-sync-status"]')?.textContent?.trim();
      if (state.connectedMs === null && header === 'Synced · 1 device') state.connectedMs = performance.now() - state.t0;
      state.busy = true;
      try {
        const { total } = await (await g.__jarvis.data()).listNotes({ limit: 1 });
        const at = performance.now() - state.t0;
        if (total !== state.last) {
          state.last = total;
          state.samples.push([at, total]);
          if (total > 0 && state.firstNoteMs === null) state.firstNoteMs = at;
        }
        if (total >= target) {
          state.allMs = at;
          clearInterval(timer);
        }
      } finally {
        state.busy = false;
      }
    }, 10);
  }, target);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  try {
    await page.waitForFunction(() => (globalThis as unknown as { __benchSync: { allMs?: number } }).__benchSync.allMs !== undefined, null, {
      timeout: timeoutMs,
      polling: 100,
    });
  } catch (error) {
    const got = await page.evaluate(() => (globalThis as unknown as { __benchSync: { last: number } }).__benchSync.last).catch(() => -1);
    throw new Error(`B listed ${got} of ${target} notes after ${timeoutMs / 1000} s (${(error as Error).message.split('\n')[0]})`, {
      cause: error,
    });
  }
  return page.evaluate(() => {
    const s = (globalThis as unknown as { __benchSync: SyncTimeline }).__benchSync;
    const t0 = (s as unknown as { t0: number }).t0;
    return { connectedMs: s.connectedMs, firstNoteMs: s.firstNoteMs, samples: s.samples, allMs: s.allMs, clickWall: performance.timeOrigin + t0 };
  });
}

/**
 * One edit: B starts looking for `marker` (listNotes text search, every ~2 ms, one call at a
 * time), A updates note `id`'s body to `body` (which holds the marker), B records when its
 * data lists it. Times are wall-clock ms (performance.timeOrigin + performance.now()), which
 * agree between the two pages on one machine. Returns A's send time, A's commit time and
 * B's time of seeing it.
 */
export async function timedEdit(
  a: Page,
  b: Page,
  id: string,
  body: string,
  marker: string,
  timeoutMs = 15_000,
): Promise<{ sent: number; saved: number; seen: number }> {
  await b.evaluate((marker) => {
    const g = globalThis as unknown as JarvisGlobal & { __benchSeen?: number; __benchLooking?: string };
    g.__benchSeen = undefined;
    g.__benchLooking = marker;
    void (async () => {
      const remote = await g.__jarvis.data();
      while (g.__benchLooking === marker) {
        const { total } = await remote.listNotes({ text: marker, limit: 1 });
        if (total > 0) {
          g.__benchSeen = performance.timeOrigin + performance.now();
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
  }, marker);
  const { sent, saved } = await a.evaluate(
    async ({ id, body }) => {
      const remote = await (globalThis as unknown as JarvisGlobal).__jarvis.data();
      const sent = performance.timeOrigin + performance.now();
      await remote.updateNote(id, { body });
      return { sent, saved: performance.timeOrigin + performance.now() };
    },
    { id, body },
  );
  try {
    const handle = await b.waitForFunction(() => (globalThis as unknown as { __benchSeen?: number }).__benchSeen, null, {
      timeout: timeoutMs,
      polling: 20,
    });
    return { sent, saved, seen: (await handle.jsonValue()) as number };
  } finally {
    await b.evaluate(() => ((globalThis as unknown as { __benchLooking?: string }).__benchLooking = undefined)).catch(() => undefined);
  }
}
