import { describe, expect, it } from 'vitest';
import { Framer, mixToMono, Resampler } from '../../../src/features/voice/capture/resample.ts';
import { concatSamples } from '../../../scripts/lib/espeak.ts';

function tone(freq: number, rate: number, seconds: number, amplitude = 0.5): Float32Array {
  const out = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * freq * i) / rate);
  return out;
}

/** Pushes `input` in blocks of the given sizes (cycled), then flushes. */
function resampleInBlocks(resampler: Resampler, input: Float32Array, sizes: number[]): Float32Array {
  const parts: Float32Array[] = [];
  let offset = 0;
  for (let b = 0; offset < input.length; b++) {
    const size = sizes[b % sizes.length];
    parts.push(resampler.push(input.subarray(offset, offset + size)));
    offset += size;
  }
  parts.push(resampler.flush());
  return concatSamples(...parts);
}

/** RMS of the middle of a signal (away from the filter's start and end transients). */
function middleRms(samples: Float32Array): number {
  const from = Math.floor(samples.length * 0.2);
  const to = Math.floor(samples.length * 0.8);
  let sum = 0;
  for (let i = from; i < to; i++) sum += samples[i] ** 2;
  return Math.sqrt(sum / (to - from));
}

describe('Resampler (any rate → 16 kHz)', () => {
  for (const rate of [48_000, 44_100, 22_050, 16_000, 8_000]) {
    it(`${rate} Hz: a 1 kHz sine survives with its amplitude and frequency`, () => {
      const out = resampleInBlocks(new Resampler(rate), tone(1000, rate, 1), [128]);
      expect(out.length).toBe(16_000);
      expect(middleRms(out)).toBeCloseTo(0.5 / Math.SQRT2, 2);
      // Compare with the ideal 1 kHz sine at 16 kHz, allowing for the filter's zero phase.
      const ideal = tone(1000, 16_000, 1);
      let worst = 0;
      for (let i = 2000; i < 14_000; i++) worst = Math.max(worst, Math.abs(out[i] - ideal[i]));
      expect(worst).toBeLessThan(0.01);
    });
  }

  for (const [rate, freq] of [
    [48_000, 7_950],
    [48_000, 9_000],
    [48_000, 12_000],
    [44_100, 8_500],
    [44_100, 15_000],
  ] as const) {
    it(`${rate} Hz: a ${freq} Hz tone (at or above the 8 kHz Nyquist) is attenuated`, () => {
      const out = resampleInBlocks(new Resampler(rate), tone(freq, rate, 1), [128]);
      const db = 20 * Math.log10(middleRms(out) / (0.5 / Math.SQRT2));
      expect(db).toBeLessThan(freq >= 8_500 ? -50 : -6);
    });
  }

  it('passes speech frequencies (7 kHz within 1 dB at 48 kHz)', () => {
    const out = resampleInBlocks(new Resampler(48_000), tone(7_000, 48_000, 1), [128]);
    const db = 20 * Math.log10(middleRms(out) / (0.5 / Math.SQRT2));
    expect(Math.abs(db)).toBeLessThan(1);
  });

  it('the same output whatever the block sizes, and the right length across block boundaries', () => {
    const input = tone(440, 44_100, 0.73);
    const whole = resampleInBlocks(new Resampler(44_100), input, [input.length]);
    expect(whole.length).toBe(Math.ceil((input.length * 16_000) / 44_100));
    for (const sizes of [[128], [1], [7, 300, 1, 4096], [1000]]) {
      const pieces = resampleInBlocks(new Resampler(44_100), input, sizes);
      expect(pieces.length).toBe(whole.length);
      let worst = 0;
      for (let i = 0; i < whole.length; i++) worst = Math.max(worst, Math.abs(pieces[i] - whole[i]));
      expect(worst).toBeLessThan(1e-6);
    }
  });

  it('while streaming, outputs keep pace with inputs (bounded latency)', () => {
    const resampler = new Resampler(48_000);
    let produced = 0;
    for (let block = 1; block <= 375; block++) {
      produced += resampler.push(new Float32Array(128)).length;
      // at most the kernel's reach behind (~a few ms), never ahead
      expect(produced).toBeLessThanOrEqual(Math.ceil((block * 128) / 3));
      expect(produced).toBeGreaterThanOrEqual(Math.floor((block * 128) / 3) - 60);
    }
  });

  it('rejects nonsense rates', () => {
    expect(() => new Resampler(0)).toThrow(/sample rates/);
    expect(() => new Resampler(44_100.5)).toThrow(/sample rates/);
  });
});

describe('mixToMono and Framer', () => {
  it('averages channels', () => {
    expect([...mixToMono([Float32Array.of(1, 0), Float32Array.of(0, 1)])]).toEqual([0.5, 0.5]);
    const one = Float32Array.of(0.25);
    expect(mixToMono([one])).toBe(one);
  });

  it('cuts a stream into fresh fixed-size frames', () => {
    const framer = new Framer(4);
    const frames: number[][] = [];
    framer.push(Float32Array.of(1, 2, 3), (f) => frames.push([...f]));
    framer.push(Float32Array.of(4, 5, 6, 7, 8, 9), (f) => frames.push([...f]));
    expect(frames).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ]);
  });
});
