import { describe, expect, it } from 'vitest';
import { Endpointer, type EndpointerEvent } from '../../../src/features/voice/capture/endpointer.ts';
import { mulberry32 } from '../../../src/lib/random.ts';
import { concatSamples as concat, espeakAvailable, speak } from '../../../scripts/lib/espeak.ts';

const RATE = 16_000;
const FRAME = 1280; // what the worklet posts (80 ms)
const SEED = Number(process.env.SEED ?? 20240611);

/** Feeds audio in worklet-sized frames; returns the events with the time (s) each arrived. */
function run(endpointer: Endpointer, samples: Float32Array): { at: number; event: EndpointerEvent }[] {
  const out: { at: number; event: EndpointerEvent }[] = [];
  for (let i = 0; i < samples.length; i += FRAME) {
    for (const event of endpointer.push(samples.subarray(i, i + FRAME))) out.push({ at: Math.min(samples.length, i + FRAME) / RATE, event });
  }
  return out;
}

/** Gaussian-ish white noise at the given RMS (seeded). */
function noise(seconds: number, rms: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  const out = new Float32Array(Math.round(seconds * RATE));
  // Sum of 4 uniforms: variance 4/12 → scale to the wanted RMS.
  const scale = rms / Math.sqrt(4 / 12);
  for (let i = 0; i < out.length; i++) out[i] = (random() + random() + random() + random() - 2) * scale;
  return out;
}


function mix(a: Float32Array, b: Float32Array): Float32Array {
  const out = a.slice();
  for (let i = 0; i < Math.min(a.length, b.length); i++) out[i] += b[i];
  return out;
}

function firstAbove(samples: Float32Array, level: number): number {
  return samples.findIndex((x) => Math.abs(x) > level);
}
function lastAbove(samples: Float32Array, level: number): number {
  for (let i = samples.length - 1; i >= 0; i--) if (Math.abs(samples[i]) > level) return i;
  return -1;
}

function utteranceOf(events: { event: EndpointerEvent }[]) {
  const found = events.find((e) => e.event.type === 'utterance')?.event;
  if (!found || found.type !== 'utterance') throw new Error(`no utterance (seed ${SEED}); events: ${JSON.stringify(events.map((e) => e.event.type))}`);
  return found;
}

describe.skipIf(!espeakAvailable())('Endpointer on espeak-ng speech', () => {
  it('finds one utterance, keeps ~0.5 s from before the speech and all of the speech, ends ~0.8 s after', () => {
    const { samples } = speak('open my notes and show my tasks for today', { leadSilenceS: 1.5, tailSilenceS: 2 });
    const onset = firstAbove(samples, 0.01);
    const offset = lastAbove(samples, 0.01);
    const events = run(new Endpointer(), samples);
    expect(events.map((e) => e.event.type)).toEqual(['speech-start', 'utterance']);
    const utterance = utteranceOf(events);
    expect(utterance.reason).toBe('silence');
    // The onset sits after about 0.5 s of pre-roll (window and frame granularity aside).
    const onsetInUtterance = firstAbove(utterance.samples, 0.01);
    expect(onsetInUtterance / RATE).toBeGreaterThan(0.45);
    expect(onsetInUtterance / RATE).toBeLessThan(0.65);
    // Nothing of the speech is lost at the end.
    const start = onset - onsetInUtterance;
    expect(start + utterance.samples.length).toBeGreaterThan(offset);
    // It ends ~0.8 s after the speech (plus up to one frame).
    const endedAt = events[1].at;
    expect(endedAt - offset / RATE).toBeGreaterThan(0.75);
    expect(endedAt - offset / RATE).toBeLessThan(1.0);
  });

  it('hears speech over steady background noise (seeded; noise at −45 dBFS)', () => {
    const { samples } = speak('what time is it', { leadSilenceS: 0, tailSilenceS: 0 });
    const speechOnly = concat(new Float32Array(2 * RATE), samples, new Float32Array(2 * RATE));
    const noisy = mix(speechOnly, noise(speechOnly.length / RATE, 10 ** (-45 / 20), SEED));
    const endpointer = new Endpointer();
    const events = run(endpointer, noisy);
    expect(events.map((e) => e.event.type), `seed ${SEED}`).toEqual(['speech-start', 'utterance']);
    const utterance = utteranceOf(events);
    // About 0.5 s of pre-roll + the speech + ~0.8 s of silence.
    expect(utterance.samples.length / RATE, `seed ${SEED}`).toBeGreaterThan(samples.length / RATE + 0.5);
    expect(utterance.samples.length / RATE, `seed ${SEED}`).toBeLessThan(samples.length / RATE + 0.5 + 1.1);
    expect(endpointer.noiseFloorDb, `seed ${SEED}`).toBeGreaterThan(-50);
    expect(endpointer.noiseFloorDb, `seed ${SEED}`).toBeLessThan(-40);
  });

  it('is one-shot: nothing more until reset, then the next utterance', () => {
    const { samples } = speak('play some music', { leadSilenceS: 1, tailSilenceS: 1.5 });
    const endpointer = new Endpointer();
    expect(run(endpointer, concat(samples, samples)).map((e) => e.event.type)).toEqual(['speech-start', 'utterance']);
    endpointer.reset();
    expect(run(endpointer, samples).map((e) => e.event.type)).toEqual(['speech-start', 'utterance']);
  });

  it('finish() returns the speech so far (the user pressed stop)', () => {
    const { samples } = speak('search my notes for passwords', { leadSilenceS: 1, tailSilenceS: 0 });
    const endpointer = new Endpointer();
    const events = run(endpointer, samples.subarray(0, samples.length - 100));
    expect(events.map((e) => e.event.type)).toEqual(['speech-start']);
    const [done] = endpointer.finish();
    expect(done.type === 'utterance' && done.reason).toBe('end-of-input');
    expect(endpointer.finish()).toEqual([]);
  });
});

describe('Endpointer on synthetic audio', () => {
  it(`noise alone is "no speech" after the timeout (seed ${SEED})`, () => {
    const events = run(new Endpointer({ noSpeechTimeoutMs: 8000 }), noise(10, 0.01, SEED));
    expect(events.map((e) => e.event.type), `seed ${SEED}`).toEqual(['no-speech']);
    expect(events[0].at).toBeCloseTo(8, 0);
  });

  it('digital silence is "no speech" too', () => {
    expect(run(new Endpointer({ noSpeechTimeoutMs: 2000 }), new Float32Array(3 * RATE)).map((e) => e.event.type)).toEqual(['no-speech']);
  });

  it(`a click (40 ms) does not start speech (seed ${SEED})`, () => {
    const click = noise(0.04, 0.3, SEED + 1);
    const audio = concat(noise(1, 0.003, SEED), mix(noise(0.04, 0.003, SEED + 2), click), noise(3, 0.003, SEED + 3));
    const events = run(new Endpointer({ noSpeechTimeoutMs: 3000 }), audio);
    expect(events.map((e) => e.event.type), `seed ${SEED}`).toEqual(['no-speech']);
  });

  it('cuts an endless sound at the maximum length', () => {
    const tone = new Float32Array(35 * RATE).map((_, i) => 0.3 * Math.sin((2 * Math.PI * 220 * i) / RATE));
    const audio = concat(noise(1, 0.001, SEED), tone);
    const events = run(new Endpointer({ maxUtteranceMs: 30_000 }), audio);
    expect(events.map((e) => e.event.type)).toEqual(['speech-start', 'utterance']);
    const utterance = utteranceOf(events);
    expect(utterance.reason).toBe('max-length');
    expect(utterance.samples.length / RATE).toBeCloseTo(30, 1);
  });

  it('the noise floor follows louder background slowly, so steady noise stops counting as speech', () => {
    const endpointer = new Endpointer({ noSpeechTimeoutMs: 60_000 });
    run(endpointer, noise(1, 0.001, SEED));
    const before = endpointer.noiseFloorDb;
    expect(before).toBeLessThan(-55);
    // Just under the start margin: learnt, never taken for speech.
    const events = run(endpointer, noise(10, 0.003, SEED + 4));
    expect(events, `seed ${SEED}`).toEqual([]);
    expect(endpointer.noiseFloorDb).toBeGreaterThan(before + 5);
  });
});
