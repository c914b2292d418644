// Shot sampling from a statevector without building a cumulative table: draw all the
// uniforms first, sort them, then sweep the amplitudes once, so memory stays O(shots).

/** `shots` indices drawn with probability |a_i|² / Σ|a|², as index → count. */
export function sampleIndices(amplitudes: Float64Array, shots: number, rng: () => number): Map<number, number> {
  if (!Number.isInteger(shots) || shots < 0) throw new RangeError(`shots must be a whole number ≥ 0, not ${shots}`);
  const size = amplitudes.length / 2;
  let total = 0;
  for (let i = 0; i < size; i++) total += probability(amplitudes, i);
  const draws = new Float64Array(shots);
  for (let s = 0; s < shots; s++) draws[s] = rng() * total;
  draws.sort();
  const counts = new Map<number, number>();
  let s = 0;
  let cumulative = 0;
  let lastNonZero = 0;
  for (let i = 0; i < size && s < shots; i++) {
    const p = probability(amplitudes, i);
    if (p === 0) continue;
    lastNonZero = i;
    cumulative += p;
    let hits = 0;
    while (s < shots && draws[s] < cumulative) {
      hits++;
      s++;
    }
    if (hits) counts.set(i, hits);
  }
  // Rounding can leave the last draws just above the final cumulative sum.
  if (s < shots) counts.set(lastNonZero, (counts.get(lastNonZero) ?? 0) + shots - s);
  return counts;
}

function probability(amplitudes: Float64Array, i: number): number {
  const re = amplitudes[2 * i];
  const im = amplitudes[2 * i + 1];
  return re * re + im * im;
}
