// Seeded randomness for shots: the same --seed gives the same counts, in Node and in the browser.

import { mulberry32Uint } from '../../../src/lib/random.ts';

/** Two 32-bit mulberry32 draws per double (53 bits of resolution). */
export function seededRandom(seed: number): () => number {
  const next32 = mulberry32Uint(seed);
  return () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
}

export function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0];
}

/** Draws `shots` indices from a probability vector (cumulative sums + binary search). */
export function sampleIndices(probabilities: Float64Array, shots: number, random: () => number): Uint32Array {
  const cumulative = new Float64Array(probabilities.length);
  let total = 0;
  for (let i = 0; i < probabilities.length; i++) cumulative[i] = total += probabilities[i];
  const out = new Uint32Array(shots);
  for (let s = 0; s < shots; s++) {
    const r = random() * total;
    let [low, high] = [0, cumulative.length - 1];
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid] > r) high = mid;
      else low = mid + 1;
    }
    // Never land on an index of probability 0 (rounding at the top end).
    while (low > 0 && probabilities[low] === 0) low--;
    out[s] = low;
  }
  return out;
}
