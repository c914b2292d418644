// The recorder, on the main thread because that is where sensor events arrive. It is kept
// thin: a source's callback only notes the reading and when it came (performance.now()).
// Every BATCH_MS one timer turns what came since into rows — one row per tick of the chosen
// rate, each holding every channel's latest reading at that tick's time (sample and hold) —
// and sends them to the data worker in one comlink call; there they are buffered and written
// to IndexedDB in ~1 s chunks (workers/data/chunkedWriter.ts).
//
// Why not a timer per tick: measured in headless Chromium, a 50 Hz setTimeout tick cost
// ~75 µs of main thread each (3.7 ms/s), over the ≤ 2 ms/s budget; the rows are the same.
//
// Timing: tick k is due at origin + k·period, computed, never accumulated (no setInterval
// drift), and so is the batch timer (origin + j·BATCH_MS via setTimeout). A batch that runs
// late still emits every tick that came due, from the timestamped readings, so a busy main
// thread loses no rows. Skip rule: when the batch timer ran more than MAX_CATCH_UP_MS late
// (a hidden tab whose timers the browser throttles, a suspended device), the ticks older than
// MAX_CATCH_UP_MS are skipped, not caught up: the recording shows a gap in `t` rather than
// rows made up for a time the page was not running. A row's `t` is its tick's due time (epoch ms).
//
// Battery: the rate is min(requested, rateCap(battery mode)); when the mode changes, a
// running recording keeps going at the new cap (slower, never stopped) and returns to the
// requested rate when the mode allows it again.

import { untrack } from 'svelte';
import { data } from '../../lib/data.ts';
import { battery } from '../../lib/battery/battery.svelte.ts';
import { rateCap } from '../../lib/battery/policy.ts';
import type { RecordingView } from '../../../workers/data/api.ts';
import { SampleAndHold } from './sampleAndHold.ts';
import type { Reading, SensorSource } from './types.ts';

export const MIN_RATE_HZ = 1;
export const MAX_RATE_HZ = 60;
/** Rows are sent to the data worker this often. */
export const BATCH_MS = 250;
/** Overdue ticks beyond this are skipped, not caught up (see above). */
export const MAX_CATCH_UP_MS = 1000;
const EARLY_MS = 2;

/** The highest rate the battery policy allows now (60 Hz in normal mode). */
export function currentRateCap(): number {
  return rateCap(battery.mode);
}

/** What the UI shows of the running recording (one at a time per tab). */
export const recorder = $state({
  id: null as string | null,
  channels: [] as string[],
  /** The rate asked for, and the one in force (lower when the battery policy caps it). */
  requestedHz: 0,
  rateHz: 0,
  /** Epoch ms (the UI shows elapsed time from it). */
  started: 0,
  samples: 0,
  error: '',
});

/** Main-thread time the recorder spends (benchmark): callbacks, ticks, batches. */
export const recorderDebug = { busyMs: 0, ticks: 0, rows: 0, batches: 0, readings: 0, readingMs: 0, postMs: 0 };
// For the benchmark and end-to-end tests, next to the page's __jarvis.
(globalThis as unknown as { __jarvisRecorder?: unknown }).__jarvisRecorder = { debug: recorderDebug, state: recorder };

export interface Recorder {
  id: string;
  /** Sends the last rows, then stops the session in the data worker. */
  stop(): Promise<RecordingView>;
  /** Asks for a new rate (1–60 Hz; the battery cap still applies). */
  setRate(hz: number): Promise<void>;
}

let running: Recorder | null = null;

export function activeRecorder(): Recorder | null {
  return running;
}

function clampRate(hz: number): number {
  const rate = Math.round(Number(hz));
  if (!Number.isFinite(rate)) throw new Error('The rate must be a number of hertz.');
  return Math.min(MAX_RATE_HZ, Math.max(MIN_RATE_HZ, rate));
}

/** How fast to ask the sources for readings: faster than the ticks, so each tick sees a fresh value. */
function sourceHz(rateHz: number): number {
  return Math.min(MAX_RATE_HZ, rateHz * 2);
}

export async function startRecorder(options: { sources: SensorSource[]; rateHz: number; name?: string }): Promise<Recorder> {
  if (running) throw new Error('A recording is already running.');
  const { sources } = options;
  const channels = sources.flatMap((source) => source.channels).filter((c, i, all) => all.indexOf(c) === i);
  if (channels.length === 0) throw new Error('Pick at least one sensor to record.');
  let requested = clampRate(options.rateHz);
  let rateHz = Math.min(requested, currentRateCap());

  // Claim the slot before the first await, so two quick taps start one recording.
  running = { id: '', stop: () => Promise.reject(new Error('not started')), setRate: async () => undefined };
  let id: string;
  let api: Awaited<ReturnType<typeof data>>;
  try {
    api = await data();
    id = await api.startRecording({ name: options.name, sensors: sources.map((s) => s.kind), channels, rateHz });
  } catch (error) {
    running = null;
    throw error;
  }

  const grid = new SampleAndHold(channels, performance.now(), 1000 / rateHz);
  const onReading = (reading: Reading) => {
    const t0 = performance.now();
    grid.note(t0, reading);
    recorderDebug.readings++;
    const dt = performance.now() - t0;
    recorderDebug.busyMs += dt;
    recorderDebug.readingMs += dt;
  };
  let stopSources: (() => void)[] = [];
  const startSources = () => {
    for (const stop of stopSources) stop();
    stopSources = sources.map((source) => source.start(onReading, sourceHz(rateHz)));
  };

  let samples = 0;
  let failed: Error | null = null;
  const started = Date.now();

  /** Rows for every tick due by `now`, sent in one call. */
  const flushRows = (now: number) => {
    const { t, rows } = grid.rowsUntil(now, MAX_CATCH_UP_MS);
    for (let i = 0; i < t.length; i++) t[i] += performance.timeOrigin;
    samples += rows.length;
    recorderDebug.rows += rows.length;
    if (rows.length === 0) return;
    recorderDebug.batches++;
    api.appendSamples(id, { t, rows }).catch((error: Error) => {
      failed ??= error;
      recorder.error = error.message;
    });
  };

  let batchOrigin = performance.now();
  let j = 1;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const batch = () => {
    const t0 = performance.now();
    flushRows(t0 + EARLY_MS);
    recorder.samples = samples;
    recorderDebug.ticks++;
    // A timer may fire a little early: within EARLY_MS counts as on time (no extra wake-up).
    while (batchOrigin + j * BATCH_MS <= t0 + EARLY_MS) j++;
    timer = setTimeout(batch, batchOrigin + j * BATCH_MS - performance.now());
    const dt = performance.now() - t0;
    recorderDebug.busyMs += dt;
    recorderDebug.postMs += dt;
  };
  const restartTicks = () => {
    if (timer !== null) clearTimeout(timer);
    batchOrigin = performance.now();
    grid.restart(batchOrigin, 1000 / rateHz);
    j = 1;
    timer = setTimeout(batch, BATCH_MS);
  };

  // A page being closed sends what it holds (the worker writes it within its chunk time).
  const onPageHide = () => flushRows(performance.now());
  addEventListener('pagehide', onPageHide);

  const applyRate = async () => {
    const next = Math.min(requested, currentRateCap());
    if (next === rateHz) return;
    flushRows(performance.now()); // the rows so far at the old rate
    rateHz = next;
    recorder.rateHz = rateHz;
    restartTicks();
    startSources();
    await api.setRecordingRate(id, rateHz);
  };
  // Follows the battery mode while recording.
  const stopBatteryWatch = $effect.root(() => {
    $effect(() => {
      void battery.mode;
      untrack(() => void applyRate().catch((error: Error) => (recorder.error = error.message)));
    });
  });

  Object.assign(recorder, { id, channels, requestedHz: requested, rateHz, started, samples: 0, error: '' });
  startSources();
  restartTicks();

  let stopping: Promise<RecordingView> | null = null;
  const self: Recorder = {
    id,
    stop() {
      stopping ??= (async () => {
        const now = performance.now();
        if (timer !== null) clearTimeout(timer);
        timer = null;
        for (const stop of stopSources) stop();
        stopSources = [];
        stopBatteryWatch();
        removeEventListener('pagehide', onPageHide);
        flushRows(now);
        recorder.samples = samples;
        try {
          const view = await api.stopRecording(id);
          if (failed) throw failed;
          return view;
        } finally {
          running = null;
          recorder.id = null;
        }
      })();
      return stopping;
    },
    async setRate(hz: number) {
      requested = clampRate(hz);
      recorder.requestedHz = requested;
      await applyRate();
    },
  };
  running = self;
  return self;
}
