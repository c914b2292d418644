// Speech to text with whisper-tiny (q8), shared by the inference worker and Node (tests and
// the benchmark): the caller configures transformers.js (where models live, which backend)
// and hands in 16 kHz mono audio that keeps ~0.5 s of quiet before the speech starts
// (whisper-tiny drops the first words when speech begins at sample 0).
import { pipeline } from '@huggingface/transformers';

export const SPEECH_MODEL = 'Xenova/whisper-tiny';
export const SPEECH_SAMPLE_RATE = 16_000;

export interface TranscribeOptions {
  /** Whisper's language name, e.g. 'english' (the default). */
  language?: string;
}

export interface Transcription {
  text: string;
  /** Time spent in the model, ms. */
  ms: number;
}

export interface Transcriber {
  transcribe(audio: Float32Array, options?: TranscribeOptions): Promise<Transcription>;
  dispose(): Promise<void>;
}

type AsrOutput = { text: string } | { text: string }[];
type Asr = ((audio: Float32Array, options: Record<string, unknown>) => Promise<AsrOutput>) & { dispose(): Promise<void> };

export async function loadTranscriber(options: { device?: 'wasm' | 'webgpu' | 'cpu'; modelId?: string } = {}): Promise<Transcriber> {
  const modelId = options.modelId ?? SPEECH_MODEL;
  const create = (device?: string) =>
    pipeline('automatic-speech-recognition', modelId, { dtype: 'q8', ...(device ? { device: device as 'wasm' } : {}) }) as unknown as Promise<Asr>;
  const asr = await create(options.device).catch((error: unknown) => {
    // Some GPUs lack an operator the model needs: WASM always works.
    if (options.device !== 'webgpu') throw error;
    return create('wasm');
  });
  return {
    async transcribe(audio, { language = 'english' } = {}) {
      const started = performance.now();
      const output = await asr(audio, { language, task: 'transcribe' });
      const text = (Array.isArray(output) ? output.map((o) => o.text).join(' ') : output.text).trim();
      return { text, ms: performance.now() - started };
    },
    dispose: () => asr.dispose(),
  };
}
