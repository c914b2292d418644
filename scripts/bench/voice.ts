// Voice area (on-device speech issue): whisper-tiny (q8) transcribing one 3-second clip
// (espeak-ng, en-us, 150 wpm, 0.5 s of silence first), in Node (onnxruntime-node, as the
// tests run it) and in the app's inference worker in Chromium (onnxruntime-web wasm, two
// threads when the page is cross-origin isolated). Both sides: one warm-up transcription,
// then the median of RUNS, timed inside the transcriber (model time, not messaging).
import path from 'node:path';
import { env } from '@huggingface/transformers';
import { espeakAvailable, speak } from '../lib/espeak.ts';
import { publicModelsDir } from '../lib/nodeEmbedder.ts';
import { loadTranscriber, type Transcriber } from '../../workers/inference/transcriber.ts';
import { median, round } from './lib/stats.ts';
import type { BenchArea, BenchContext, Figures } from './lib/types.ts';

const RUNS = 7;
const CLIP_SECONDS = 3;
const RATE = 16_000;
const PHRASE = 'show my tasks for today';

/** Exactly 3 s: 0.5 s of silence, the phrase, silence to the end. */
function clip(): Float32Array {
  const { samples } = speak(PHRASE, { voice: 'en-us', wpm: 150, leadSilenceS: 0.5, tailSilenceS: 0 });
  const out = new Float32Array(CLIP_SECONDS * RATE);
  if (samples.length > out.length) throw new Error(`"${PHRASE}" is longer than ${CLIP_SECONDS} s (${(samples.length / RATE).toFixed(2)} s)`);
  out.set(samples);
  return out;
}

export default {
  name: 'voice',
  figures: {
    whisper_3s_node_ms: { unit: 'ms' },
    whisper_3s_browser_ms: { unit: 'ms' },
    whisper_3s_browser_over_node: { unit: '×', goal: '≤ 1.3' },
  },

  async run(ctx: BenchContext): Promise<Figures> {
    const figures: Figures = {};
    if (!espeakAvailable()) {
      for (const key of Object.keys(this.figures)) ctx.fail(key, 'espeak-ng and sox are needed (apt-get install -y espeak-ng sox)');
      return figures;
    }
    const audio = clip();

    // Node: onnxruntime-node, as the tests run it.
    let transcriber: Transcriber;
    try {
      env.allowRemoteModels = false;
      env.localModelPath = publicModelsDir + path.sep;
      const started = performance.now();
      transcriber = await loadTranscriber();
      const warm = await transcriber.transcribe(audio.slice());
      ctx.log(`node: model loaded in ${(performance.now() - started - warm.ms).toFixed(0)} ms; "${warm.text}" warm-up ${warm.ms.toFixed(0)} ms`);
    } catch (error) {
      for (const key of Object.keys(this.figures)) ctx.fail(key, `node: ${(error as Error).message.split('\n')[0]}`);
      return figures;
    }

    // The browser: the app's inference worker, warmed up the same way.
    let browser: BrowserClip | null = null;
    try {
      browser = await openBrowserClip(ctx, audio);
    } catch (error) {
      const reason = (error as Error).message.split('\n')[0];
      ctx.fail('whisper_3s_browser_ms', reason);
      ctx.fail('whisper_3s_browser_over_node', reason);
    }

    // Alternate the two, so both see the same load on a noisy machine.
    const nodeRuns: number[] = [];
    const browserRuns: number[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        nodeRuns.push((await transcriber.transcribe(audio.slice())).ms);
        if (browser) browserRuns.push(await browser.run());
      }
    } catch (error) {
      if (browser && browserRuns.length < RUNS) {
        const reason = (error as Error).message.split('\n')[0];
        ctx.fail('whisper_3s_browser_ms', reason);
        ctx.fail('whisper_3s_browser_over_node', reason);
        browser = null;
      } else throw error;
    } finally {
      await transcriber.dispose();
      await browser?.close();
    }
    const node = median(nodeRuns);
    figures.whisper_3s_node_ms = round(node, 1);
    ctx.log(`node runs ${nodeRuns.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    if (browser) {
      ctx.log(`browser runs ${browserRuns.map((ms) => ms.toFixed(0)).join(', ')} ms`);
      figures.whisper_3s_browser_ms = round(median(browserRuns), 1);
      figures.whisper_3s_browser_over_node = round(median(browserRuns) / node, 2);
    }
    return figures;
  },
} satisfies BenchArea;

interface PageInference {
  warmUpSpeech(): Promise<void>;
  transcribe(audio: Float32Array, options?: { language?: string }): Promise<{ text: string; ms: number }>;
}
type PageGlobals = { __jarvis: { inference(): Promise<PageInference> }; __voiceBenchClip?: Float32Array };

interface BrowserClip {
  /** One transcription of the clip in the worker: its model time, ms. */
  run(): Promise<number>;
  close(): Promise<void>;
}

/** Loads the speech model in the app's worker (window.__jarvis.inference()) and warms it up on the clip. */
async function openBrowserClip(ctx: BenchContext, audio: Float32Array): Promise<BrowserClip> {
  const app = await ctx.app();
  const page = await (await app.browser()).newPage();
  try {
    await page.goto(`${app.url}/#/assistant`);
    const ready = await page.evaluate(async (samples) => {
      const g = globalThis as unknown as PageGlobals;
      const api = await g.__jarvis.inference();
      const started = performance.now();
      await api.warmUpSpeech();
      const loadMs = performance.now() - started;
      g.__voiceBenchClip = Float32Array.from(samples);
      const warm = await api.transcribe(g.__voiceBenchClip.slice());
      return { loadMs, warm, isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency };
    }, Array.from(audio));
    ctx.log(
      `browser (isolated: ${ready.isolated}, ${ready.cores} cores): model loaded in ${ready.loadMs.toFixed(0)} ms; ` +
        `"${ready.warm.text}" warm-up ${ready.warm.ms.toFixed(0)} ms`,
    );
  } catch (error) {
    await page.close();
    throw error;
  }
  return {
    run: () =>
      page.evaluate(async () => {
        const g = globalThis as unknown as PageGlobals;
        return (await (await g.__jarvis.inference()).transcribe(g.__voiceBenchClip!.slice())).ms;
      }),
    close: () => page.close(),
  };
}
