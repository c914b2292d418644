// Test helpers: a seeded PRNG, random unitaries and ops, and a dense reference simulator
// that applies an op by explicit index math on the full 2^n vector (independent of the
// kernel and of fusion.ts).

import type { UnitaryOp } from '../../../workers/quantum/circuit.ts';

export { mulberry32 } from '../../../src/lib/random.ts';

function gaussian(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** A random d×d unitary: Gram–Schmidt on the rows of a complex Gaussian matrix (re/im interleaved). */
export function randomUnitary(d: number, rng: () => number): Float64Array {
  const m = Float64Array.from({ length: 2 * d * d }, () => gaussian(rng));
  for (let r = 0; r < d; r++) {
    for (let p = 0; p < r; p++) {
      // m[r] -= <m[p], m[r]> m[p]
      let dr = 0;
      let di = 0;
      for (let c = 0; c < d; c++) {
        const [pr, pi, xr, xi] = [m[2 * (p * d + c)], m[2 * (p * d + c) + 1], m[2 * (r * d + c)], m[2 * (r * d + c) + 1]];
        dr += pr * xr + pi * xi;
        di += pr * xi - pi * xr;
      }
      for (let c = 0; c < d; c++) {
        const [pr, pi] = [m[2 * (p * d + c)], m[2 * (p * d + c) + 1]];
        m[2 * (r * d + c)] -= dr * pr - di * pi;
        m[2 * (r * d + c) + 1] -= dr * pi + di * pr;
      }
    }
    let norm = 0;
    for (let c = 0; c < 2 * d; c++) norm += m[2 * r * d + c] ** 2;
    for (let c = 0; c < 2 * d; c++) m[2 * r * d + c] /= Math.sqrt(norm);
  }
  return m;
}

function pick(count: number, from: number[], rng: () => number): number[] {
  const pool = [...from];
  const chosen: number[] = [];
  for (let i = 0; i < count; i++) chosen.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]);
  return chosen;
}

/** A random unitary on 1..maxTargets random targets with 0..maxControls random controls. */
export function randomOp(n: number, rng: () => number, maxTargets = 4, maxControls = 2): UnitaryOp {
  const k = 1 + Math.floor(rng() * Math.min(maxTargets, n));
  const c = Math.floor(rng() * (Math.min(maxControls, n - k) + 1));
  const qubits = pick(k + c, Array.from({ length: n }, (_, q) => q), rng);
  return {
    kind: 'unitary',
    name: 'random',
    params: [],
    targets: qubits.slice(0, k),
    controls: qubits.slice(k),
    matrix: randomUnitary(2 ** k, rng),
    line: 0,
  };
}

/** A random normalised state (re/im interleaved). */
export function randomState(n: number, rng: () => number): Float64Array {
  const v = Float64Array.from({ length: 2 ** (n + 1) }, () => gaussian(rng));
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return v.map((x) => x / norm);
}

/** |0…0⟩ on n qubits. */
export function zeroState(n: number): Float64Array {
  const v = new Float64Array(2 ** (n + 1));
  v[0] = 1;
  return v;
}

/** The op applied to `state` (a new vector); index bit q is qubit q, matrix bit j ↔ targets[j]. */
export function applyReference(state: Float64Array, op: UnitaryOp): Float64Array {
  const out = Float64Array.from(state);
  const d = 2 ** op.targets.length;
  for (let i = 0; i < state.length / 2; i++) {
    if (!op.controls.every((q) => (i >> q) & 1)) continue;
    let row = 0;
    op.targets.forEach((q, j) => (row |= ((i >> q) & 1) << j));
    let re = 0;
    let im = 0;
    for (let col = 0; col < d; col++) {
      let source = i;
      op.targets.forEach((q, j) => (source = ((col >> j) & 1 ? source | (1 << q) : source & ~(1 << q))));
      const [mr, mi] = [op.matrix[2 * (row * d + col)], op.matrix[2 * (row * d + col) + 1]];
      const [ar, ai] = [state[2 * source], state[2 * source + 1]];
      re += mr * ar - mi * ai;
      im += mr * ai + mi * ar;
    }
    out[2 * i] = re;
    out[2 * i + 1] = im;
  }
  return out;
}

export function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = a.length === b.length ? 0 : Infinity;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}
