// The wake-word worker in Chromium: models and onnxruntime's wasm from Vite's asset URLs,
// cached in Cache Storage, scores through comlink, detections through a MessagePort.
// The espeak clip comes from a `speakWav` browser command (espeak-ng runs on the Node side);
// without that command in vitest.browser.config.ts the speech checks are skipped.
import { commands } from 'vitest/browser';
import { afterAll, describe, expect, it } from 'vitest';
import { FRAME_SAMPLES, WAKE_WORD_CACHE, wakeWordWorker, type WakeWordDetection } from '../../src/lib/wakeWord.ts';
import { Comlink } from '../../src/lib/workerBridge.ts';
import { mulberry32 } from '../../src/lib/random.ts';

/** Seeds of the noise below (fixed, so a score is the same on every run). */
const NOISE_SEED = 20261122;
/** The engine's detection threshold (DEFAULT_THRESHOLD in workers/wakeword/wakeWordEngine.ts). */
const THRESHOLD = 0.5;

type SpeakWav = (text: string, options: { voice?: string; wpm?: number; pitch?: number; leadSilenceS?: number; tailSilenceS?: number }) => Promise<string>;

/** "hey jarvis" from espeak-ng via the Node side, as 16 kHz floats; null without the command. */
async function heyJarvis(): Promise<Float32Array | null> {
  const speakWav = (commands as unknown as { speakWav?: SpeakWav }).speakWav;
  if (!speakWav) return null;
  let base64: string;
  try {
    base64 = await speakWav('hey jarvis', { voice: 'en-gb', wpm: 150, leadSilenceS: 1, tailSilenceS: 0.5 });
  } catch {
    return null; // command not registered, or espeak-ng missing
  }
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const pcm = new Int16Array(bytes.buffer.slice(44)); // speak() writes a 44-byte header
  const samples = new Float32Array(pcm.length);
  const random = mulberry32(NOISE_SEED);
  for (let i = 0; i < pcm.length; i++) samples[i] = pcm[i] / 32768 + (random() - 0.5) * 0.002; // a mic's noise floor
  return samples;
}

function quietNoise(seconds: number, seed = NOISE_SEED + 1): Float32Array {
  const random = mulberry32(seed);
  const out = new Float32Array(seconds * 16_000);
  for (let i = 0; i < out.length; i++) out[i] = (random() - 0.5) * 0.002;
  return out;
}

describe('wake-word worker', () => {
  afterAll(() => wakeWordWorker.terminate());

  it('loads the four models from this origin and keeps them in Cache Storage', async () => {
    await caches.delete(WAKE_WORD_CACHE);
    const api = await wakeWordWorker.api();
    await api.load();
    const cache = await caches.open(WAKE_WORD_CACHE);
    const names = (await cache.keys()).map((request) => new URL(request.url).pathname.split('/').pop());
    expect(names.sort().map((n) => n?.replace(/-[\w-]{8}\.onnx$/, '.onnx'))).toEqual(
      ['embedding_model.onnx', 'hey_jarvis_v0.1.onnx', 'melspectrogram.onnx', 'silero_vad.onnx'],
    );
    for (const request of await cache.keys()) expect(new URL(request.url).origin).toBe(location.origin);
  });

  it('loads again from the cache in a fresh worker', async () => {
    wakeWordWorker.terminate();
    const api = await wakeWordWorker.api();
    await api.load();
    // Quiet noise is no wake word. (Unseeded noise once scored 0.158 against a bound of 0.1:
    // the bound is the threshold that decides a detection.)
    expect(await api.maxScore(quietNoise(3)), `noise seed ${NOISE_SEED + 1}`).toBeLessThan(THRESHOLD);
  });

  it('scores "hey jarvis" above the threshold and reports it through a port', async (context) => {
    const clip = await heyJarvis();
    if (!clip) return context.skip('no speakWav command (espeak-ng on the Node side)');
    const api = await wakeWordWorker.api();
    const score = await api.maxScore(clip);
    expect(score).toBeGreaterThan(0.5);

    const { port1, port2 } = new MessageChannel();
    const detections: WakeWordDetection[] = [];
    const detected = new Promise<void>((resolve) => {
      void api.listen(
        Comlink.transfer(port2, [port2]),
        Comlink.proxy((d: WakeWordDetection) => {
          detections.push(d);
          resolve();
        }),
      );
    });
    // Let listen() attach before the frames go out (they would queue on the port anyway).
    await new Promise((r) => setTimeout(r, 50));
    const padded = new Float32Array(Math.ceil((clip.length + 16_000) / FRAME_SAMPLES) * FRAME_SAMPLES);
    padded.set(clip);
    for (let i = 0; i < padded.length; i += FRAME_SAMPLES) {
      const frame = padded.slice(i, i + FRAME_SAMPLES);
      port1.postMessage(frame, [frame.buffer]);
    }
    await detected;
    await api.stop();
    expect(detections).toHaveLength(1);
    expect(detections[0].score).toBeGreaterThan(0.5);
    expect(Math.abs(detections[0].at - Date.now())).toBeLessThan(60_000);
  });
});
