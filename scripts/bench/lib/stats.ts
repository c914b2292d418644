// Small numeric helpers shared by areas.

export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Rounds for display and JSON: timings keep 0.1 ms / 0.01 s resolution, not float noise. */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Seeded generator for generated inputs (the same seed, the same notes). */
export { mulberry32 as prng } from '../../../src/lib/random.ts';
