// The on-device speech pipeline in Node, on the five fixed phrases: espeak-ng speaks,
// the endpointer cuts the utterance (with its 0.5 s pre-roll), whisper-tiny (the same
// transcriber module the inference worker uses) transcribes, and the word error rate over
// all five must stay ≤ 30 %. Needs espeak-ng + sox (apt) and public/models/Xenova/whisper-tiny
// (`npm run models`); CI has both, so there a missing one fails rather than skips.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { espeakAvailable, speak } from '../../../scripts/lib/espeak.ts';
import { publicModelsDir } from '../../../scripts/lib/nodeEmbedder.ts';
import { Endpointer } from '../../../src/features/voice/capture/endpointer.ts';
import { wordErrorRate } from '../../../src/features/voice/wer.ts';
import { loadTranscriber, SPEECH_MODEL, type Transcriber } from '../../../workers/inference/transcriber.ts';
import fixture from '../../fixtures/voice/sentences.json' with { type: 'json' };

const FRAME = 1280;
const modelDir = path.join(publicModelsDir, SPEECH_MODEL);
const missing = [
  ...(existsSync(path.join(modelDir, 'onnx/encoder_model_quantized.onnx')) ? [] : [`${modelDir} (run \`npm run models\`)`]),
  ...(espeakAvailable() ? [] : ['espeak-ng and sox (apt-get install -y espeak-ng sox)']),
];
const skip = missing.length > 0 && !process.env.CI;
if (skip) console.warn(`whisperWer: skipped, missing ${missing.join(' and ')}`);

/** espeak → 16 kHz samples → the endpointer in worklet-sized frames → the utterance. */
function utteranceOf(text: string): Float32Array {
  const { samples } = speak(text, {
    voice: fixture.voice,
    wpm: fixture.wpm,
    leadSilenceS: fixture.leadSilenceS,
    tailSilenceS: fixture.tailSilenceS,
  });
  const endpointer = new Endpointer();
  for (let i = 0; i < samples.length; i += FRAME) {
    for (const event of endpointer.push(samples.subarray(i, i + FRAME))) if (event.type === 'utterance') return event.samples;
  }
  const [last] = endpointer.finish();
  if (last?.type === 'utterance') return last.samples;
  throw new Error(`the endpointer heard no speech in "${text}"`);
}

describe.skipIf(skip)('on-device speech: espeak → endpointer → whisper-tiny (Node)', () => {
  let transcriber: Transcriber;
  beforeAll(async () => {
    if (missing.length) throw new Error(`the speech test needs ${missing.join(' and ')}`);
    env.allowRemoteModels = false;
    env.localModelPath = publicModelsDir + path.sep;
    transcriber = await loadTranscriber();
  }, 120_000);
  afterAll(() => transcriber?.dispose());

  it('word error rate ≤ 30 % over the five phrases', async () => {
    const pairs: { reference: string; hypothesis: string }[] = [];
    for (const { text, measured } of fixture.sentences) {
      const { text: heard, ms } = await transcriber.transcribe(utteranceOf(text), { language: 'english' });
      const one = wordErrorRate([{ reference: text, hypothesis: heard }]);
      console.log(
        `"${text}" → "${heard}" (WER ${(one.wer * 100).toFixed(0)} %, ${ms.toFixed(0)} ms${heard === measured ? '' : `; measured before: "${measured}"`})`,
      );
      pairs.push({ reference: text, hypothesis: heard });
    }
    const total = wordErrorRate(pairs);
    console.log(`pooled WER ${(total.wer * 100).toFixed(1)} % (${total.edits} edits / ${total.words} words)`);
    expect(total.wer).toBeLessThanOrEqual(0.3);
  }, 120_000);
});
