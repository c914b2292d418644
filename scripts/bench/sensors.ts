// Sensors area: the recorder's cost on the main thread and whether it loses samples, in
// headless Chromium with the accelerometer fed through the CDP sensor overrides (a new value
// every 20 ms, so the sensor really fires), driven through the Recordings UI.
//
// record_50hz_main_thread_ms_per_s: main-thread time inside the recorder (the sources'
//   reading callbacks, the ticks, the 250 ms batches handed to comlink), summed with
//   performance.now() by recorder.svelte.ts (`__jarvisRecorder.debug.busyMs`), per second of
//   a RECORD_S-second recording at 50 Hz; median of RUNS runs. The page's whole main-thread
//   task time (CDP Performance.getMetrics TaskDuration: rendering, the live cards, everything)
//   is logged beside it for context.
// sample_loss_60hz: one 60-second recording at 60 Hz; expected rows = ticks due from the first
//   row's time to the moment Stop is clicked (floor(Δt·60) + 1), minus the rows stored
//   (getRecording().samples after Stop, i.e. committed to IndexedDB). 0 = nothing lost.
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { median, round } from './lib/stats.ts';
import type { BenchArea, BenchContext, Figures } from './lib/types.ts';

const RUNS = Number(process.env.SENSORS_RUNS ?? 3);
const RECORD_S = 10;
const LOSS_S = Number(process.env.SENSORS_LOSS_S ?? 60);
const FEED_MS = 20;

interface RecorderDebug {
  busyMs: number;
  ticks: number;
  rows: number;
  batches: number;
  readings: number;
  readingMs: number;
  postMs: number;
}

type PageGlobals = {
  __jarvisRecorder: { debug: RecorderDebug; state: { id: string | null } };
  __jarvis: { data(): Promise<{ getRecording(id: string): Promise<{ samples: number } | null>; readSamples(id: string, from?: number): Promise<{ t: number[] }> }> };
};

export default {
  name: 'sensors',
  figures: {
    record_50hz_main_thread_ms_per_s: { unit: 'ms/s', goal: '≤ 2' },
    sample_loss_60hz: { unit: 'samples', goal: '0' },
  },

  async run(ctx: BenchContext): Promise<Figures> {
    const app = await ctx.app();
    const browser = await app.browser();
    const figures: Figures = {};

    const perSecond: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      await withPage(browser.newContext.bind(browser), app.url, async (page, cdp) => {
        const { debug, taskMs, seconds } = await record(page, cdp, 50, RECORD_S);
        const busy = debug.busyMs / seconds;
        perSecond.push(busy);
        ctx.log(
          `run ${run}/${RUNS}: 50 Hz for ${seconds.toFixed(1)} s: recorder ${busy.toFixed(2)} ms/s ` +
            `(${debug.ticks} ticks, ${debug.rows} rows, ${debug.readings} readings in ${debug.readingMs.toFixed(1)} ms, ` +
            `${debug.batches} batches in ${debug.postMs.toFixed(1)} ms); ` +
            `whole page main thread ${(taskMs / seconds).toFixed(1)} ms/s`,
        );
      }).catch((error: Error) => ctx.log(`run ${run} failed: ${error.message}`));
    }
    if (perSecond.length === RUNS) figures.record_50hz_main_thread_ms_per_s = round(median(perSecond), 2);
    else ctx.fail('record_50hz_main_thread_ms_per_s', `only ${perSecond.length} of ${RUNS} runs succeeded (see log)`);

    try {
      await withPage(browser.newContext.bind(browser), app.url, async (page, cdp) => {
        const { id, stopAt } = await record(page, cdp, 60, LOSS_S);
        const stored = await page.evaluate(async (id) => {
          const api = await (globalThis as unknown as PageGlobals).__jarvis.data();
          const view = await api.getRecording(id);
          const { t } = await api.readSamples(id, 0);
          return { samples: view?.samples ?? 0, first: t[0] ?? NaN, rows: t.length };
        }, id);
        const expected = Math.floor(((stopAt - stored.first) * 60) / 1000) + 1;
        const lost = Math.max(0, expected - stored.samples);
        ctx.log(`60 Hz for ${LOSS_S} s: ${stored.samples} rows stored, ${expected} ticks due → ${lost} lost`);
        figures.sample_loss_60hz = lost;
      });
    } catch (error) {
      ctx.fail('sample_loss_60hz', (error as Error).message);
    }
    return figures;
  },
} satisfies BenchArea;

async function withPage(
  newContext: (options: object) => Promise<BrowserContext>,
  url: string,
  body: (page: Page, cdp: CDPSession) => Promise<void>,
): Promise<void> {
  const context = await newContext({ permissions: ['accelerometer', 'gyroscope', 'magnetometer'] });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    // Overrides on with a first reading before the page listens (NOTES-platform.md).
    await cdp.send('Emulation.setSensorOverrideEnabled', { enabled: true, type: 'accelerometer' });
    await cdp.send('Emulation.setSensorOverrideReadings', { type: 'accelerometer', reading: { xyz: { x: 0, y: 1, z: 9.8 } } });
    await cdp.send('Performance.enable');
    await page.goto(`${url}/#/sensors`);
    await body(page, cdp);
  } finally {
    await context.close();
  }
}

/** Records `seconds` at `hz` through the UI while feeding readings; the recorder's figures for that span. */
async function record(page: Page, cdp: CDPSession, hz: number, seconds: number) {
  await page.getByRole('checkbox', { name: 'Accelerometer', exact: true }).check();
  await page.getByRole('spinbutton', { name: 'Rate (Hz)' }).fill(String(hz));
  let feeding = true;
  const feeder = (async () => {
    const origin = Date.now();
    for (let k = 1; feeding; k++) {
      const wait = origin + k * FEED_MS - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await cdp.send('Emulation.setSensorOverrideReadings', { type: 'accelerometer', reading: { xyz: { x: (k % 1000) / 10, y: 1, z: 9.8 } } });
    }
  })();
  try {
    await page.getByRole('button', { name: 'Start recording', exact: true }).click();
    await page.getByTestId('recording-elapsed').waitFor();
    const before = await snapshot(page, cdp);
    const started = Date.now();
    await page.waitForTimeout(seconds * 1000);
    const after = await snapshot(page, cdp);
    const elapsed = (Date.now() - started) / 1000;
    // Stop in the same task as reading the clock, so `stopAt` is when the ticks ended.
    const { id, stopAt } = await page.evaluate(() => {
      const id = (globalThis as unknown as PageGlobals).__jarvisRecorder.state.id!;
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Stop recording')!;
      const stopAt = Date.now();
      button.click();
      return { id, stopAt };
    });
    await page.getByRole('button', { name: 'Start recording', exact: true }).waitFor();
    const debug = Object.fromEntries(
      Object.keys(after.debug).map((key) => [key, after.debug[key as keyof RecorderDebug] - before.debug[key as keyof RecorderDebug]]),
    ) as unknown as RecorderDebug;
    return { id, stopAt, debug, taskMs: (after.taskS - before.taskS) * 1000, seconds: elapsed };
  } finally {
    feeding = false;
    await feeder;
  }
}

async function snapshot(page: Page, cdp: CDPSession): Promise<{ debug: RecorderDebug; taskS: number }> {
  const [debug, metrics] = await Promise.all([
    page.evaluate(() => ({ ...(globalThis as unknown as PageGlobals).__jarvisRecorder.debug })),
    cdp.send('Performance.getMetrics'),
  ]);
  return { debug, taskS: metrics.metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN };
}
