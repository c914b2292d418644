// Sync area: initial sync of 1,000 notes to a device that joins, and edit-to-visible
// latency between two connected devices, over the real signaling server and real WebRTC
// DataChannels on loopback.
//
// A device is a fresh on-disk Chromium profile (lib/app.ts `profile()`, its own browser
// process): IndexedDB on disk as for a real user, nothing shared between A and B. Set
// JARVIS_BENCH_SYNC_DEVICES=contexts to use two off-the-record contexts of one browser
// instead (IndexedDB in memory), e.g. to see what the disk costs.
//
// initial_sync_1k_notes_s: A holds 1,000 notes (createNotes), makes the link in the UI; B
// pastes it and clicks "Join"; the clock runs in B from that click until B's data lists all
// 1,000 notes. One warm-up pair, then RUNS fresh pairs; the median.
// edit_latency_p50_ms: on the last pair, A updates a note's body with a unique marker; the
// time until B's data finds the marker, from wall clocks read in both pages. EDIT_WARMUPS,
// then EDITS timed, one at a time with a pause between (a single edit, not a typing burst).
import type { Page } from 'playwright-core';
import type { BenchApp } from './lib/app.ts';
import { noteGenerator } from './lib/noteText.ts';
import { median, prng, round } from './lib/stats.ts';
import type { BenchArea, BenchContext, Figures } from './lib/types.ts';
import {
  channelTraffic,
  createLink,
  createNotes,
  dataChannelCounter,
  joinAndWait,
  noteTotal,
  openSync,
  timedEdit,
  waitForStatus,
  type SyncTimeline,
} from './sync/page.ts';

const NOTES = 1_000;
const RUNS = 3;
const EDIT_WARMUPS = 3;
const EDITS = 30;
const EDIT_PAUSE_MS = 250;
const SYNC_TIMEOUT_MS = 180_000;

interface Device {
  page: Page;
  close(): Promise<void>;
}

interface Pair {
  a: Device;
  b: Device;
  ids: string[];
}

export default {
  name: 'sync',
  figures: {
    initial_sync_1k_notes_s: { unit: 's', goal: '≤ 3' },
    edit_latency_p50_ms: { unit: 'ms', goal: '≤ 150' },
  },

  async run(ctx: BenchContext): Promise<Figures> {
    const app = await ctx.app();
    const mode = process.env.JARVIS_BENCH_SYNC_DEVICES === 'contexts' ? 'contexts' : 'profiles';
    ctx.log(`devices: ${mode === 'profiles' ? 'on-disk profiles (one browser process each)' : 'off-the-record contexts of one browser'}`);
    const notes = Array.from({ length: NOTES }, noteGenerator(ctx.seed));
    const figures: Figures = {};

    // Warm-up pair, then the timed ones; the last timed pair stays connected for the edits.
    const seconds: number[] = [];
    let kept: Pair | null = null;
    for (let run = 0; run <= RUNS; run++) {
      const label = run === 0 ? 'warm-up' : `run ${run}/${RUNS}`;
      let pair: (Pair & { link: string }) | null = null;
      try {
        pair = await preparePair(app, mode, notes, ctx, label);
        const timeline = await joinAndWait(pair.b.page, pair.link, NOTES, SYNC_TIMEOUT_MS);
        const [trafficA, trafficB] = [await channelTraffic(pair.a.page), await channelTraffic(pair.b.page)];
        ctx.log(`initial sync ${label}: ${describe(timeline)}`);
        ctx.log(`  A sent ${traffic(trafficA.sent, timeline.clickWall)}`);
        ctx.log(`  B received ${traffic(trafficB.received, timeline.clickWall)}`);
        ctx.log(`  B sent ${traffic(trafficB.sent, timeline.clickWall)}`);
        if (run > 0) seconds.push(timeline.allMs / 1000);
        if (run === RUNS) kept = pair;
      } catch (error) {
        ctx.log(`initial sync ${label} failed: ${(error as Error).message.split('\n')[0]}`);
      } finally {
        if (pair && kept !== pair) await closePair(pair);
      }
    }
    if (seconds.length === RUNS) {
      figures.initial_sync_1k_notes_s = round(median(seconds), 2);
      ctx.log(`initial sync: ${seconds.map((s) => s.toFixed(2)).join(', ')} s; median ${median(seconds).toFixed(2)} s`);
    } else ctx.fail('initial_sync_1k_notes_s', `only ${seconds.length} of ${RUNS} timed runs finished (see log)`);

    if (!kept) {
      ctx.fail('edit_latency_p50_ms', 'no connected pair of devices (the initial sync runs failed)');
      return figures;
    }
    try {
      figures.edit_latency_p50_ms = await editLatency(kept, ctx);
    } catch (error) {
      ctx.fail('edit_latency_p50_ms', (error as Error).message.split('\n')[0]);
    } finally {
      await closePair(kept);
    }
    return figures;
  },
} satisfies BenchArea;

/** Two fresh devices on the sync view; A holds `notes` and has made the link (B has not joined). */
async function preparePair(
  app: BenchApp,
  mode: 'profiles' | 'contexts',
  notes: { title: string; body: string }[],
  ctx: BenchContext,
  label: string,
): Promise<Pair & { link: string }> {
  const a = await device(app, mode);
  let b: Device | null = null;
  try {
    b = await device(app, mode);
    await Promise.all([openSync(a.page, app.url), openSync(b.page, app.url)]);
    const started = performance.now();
    const ids = await createNotes(a.page, notes);
    const total = await noteTotal(a.page);
    if (total !== NOTES) throw new Error(`A lists ${total} notes after creating ${NOTES}`);
    ctx.log(`${label}: A created ${NOTES} notes in ${((performance.now() - started) / 1000).toFixed(2)} s`);
    const link = await createLink(a.page);
    return { a, b, ids, link };
  } catch (error) {
    await a.close();
    await b?.close();
    throw error;
  }
}

async function device(app: BenchApp, mode: 'profiles' | 'contexts'): Promise<Device> {
  if (mode === 'profiles') {
    const profile = await app.profile();
    await profile.context.addInitScript(dataChannelCounter);
    return { page: await profile.context.newPage(), close: () => profile.close() };
  }
  const context = await (await app.browser()).newContext();
  await context.addInitScript(dataChannelCounter);
  return { page: await context.newPage(), close: () => context.close().catch(() => undefined) };
}

async function closePair(pair: Pair): Promise<void> {
  await pair.b.close();
  await pair.a.close();
}

async function editLatency(pair: Pair, ctx: BenchContext): Promise<number> {
  const { a, b, ids } = pair;
  await waitForStatus(a.page, 'Synced · 1 device');
  await waitForStatus(b.page, 'Synced · 1 device');
  // Let the tail of the initial sync (saves, sync-state writes) settle first.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const random = prng(ctx.seed + 2);
  const targets = Array.from({ length: 5 }, () => ids[Math.floor(random() * ids.length)]);
  const latencies: number[] = [];
  const commits: number[] = [];
  for (let i = 0; i < EDIT_WARMUPS + EDITS; i++) {
    const marker = `benchedit${ctx.seed}n${i}r${Math.floor(random() * 1e9)}`;
    const body = `Edited on device A, edit ${i}: ${marker}. The rest of the note stays as it was.`;
    const { sent, saved, seen } = await timedEdit(a.page, b.page, targets[i % targets.length], body, marker);
    if (i >= EDIT_WARMUPS) {
      latencies.push(seen - sent);
      commits.push(saved - sent);
    }
    await new Promise((resolve) => setTimeout(resolve, EDIT_PAUSE_MS));
  }
  const sorted = [...latencies].sort((x, y) => x - y);
  const p90 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)];
  ctx.log(`edit latency (${EDITS} edits after ${EDIT_WARMUPS} warm-ups): ${latencies.map((v) => v.toFixed(0)).join(', ')} ms`);
  ctx.log(
    `edit latency: p50 ${median(latencies).toFixed(1)} ms, p90 ${p90.toFixed(1)} ms, min ${sorted[0].toFixed(1)}, max ${sorted.at(-1)!.toFixed(1)}; ` +
      `A's updateNote commit p50 ${median(commits).toFixed(1)} ms`,
  );
  return round(median(latencies), 1);
}

function describe(t: SyncTimeline): string {
  const at = (fraction: number) => t.samples.find(([, n]) => n >= NOTES * fraction)?.[0];
  const ms = (v: number | null | undefined) => (v == null ? '?' : `${(v / 1000).toFixed(2)} s`);
  return (
    `${ms(t.allMs)} (connected ${ms(t.connectedMs)}, first note ${ms(t.firstNoteMs)}, ` +
    `10% ${ms(at(0.1))}, 50% ${ms(at(0.5))}, 90% ${ms(at(0.9))}, 100% ${ms(t.allMs)}; ${t.samples.length} count changes)`
  );
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

/** "N frames / X KiB: first at …, half the bytes by …, last at …" (seconds after the click). */
function traffic(frames: [number, number][], clickWall: number): string {
  if (frames.length === 0) return 'nothing';
  const total = frames.reduce((sum, [, bytes]) => sum + bytes, 0);
  let running = 0;
  const half = frames.find(([, bytes]) => (running += bytes) >= total / 2)![0];
  const s = (wall: number) => `${((wall - clickWall) / 1000).toFixed(2)} s`;
  return `${frames.length} frames / ${kb(total)} over the DataChannel: first ${s(frames[0][0])}, half the bytes by ${s(half)}, last ${s(frames.at(-1)![0])}`;
}
