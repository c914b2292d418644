// Small dense linear algebra for the QASM tests: the full unitary of a list of ops on n qubits
// (n ≤ 6), built independently of the simulator, and comparison up to a global phase.
import type { UnitaryOp } from '../../../workers/quantum/circuit.ts';

/** 2^n × 2^n complex, row-major, re/im interleaved. */
export type Dense = Float64Array;

/** Applies one op to a state vector (re/im interleaved), in place. */
export function applyOp(state: Float64Array, n: number, op: UnitaryOp): void {
  const dim = 1 << n;
  const t = op.targets.length;
  const size = 1 << t;
  const targetMask = op.targets.reduce((m, q) => m | (1 << q), 0);
  const controlMask = op.controls.reduce((m, q) => m | (1 << q), 0);
  const index = new Array<number>(size);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let base = 0; base < dim; base++) {
    if ((base & targetMask) !== 0 || (base & controlMask) !== controlMask) continue;
    for (let k = 0; k < size; k++) {
      let i = base;
      for (let j = 0; j < t; j++) if (k & (1 << j)) i |= 1 << op.targets[j];
      index[k] = i;
      re[k] = state[2 * i];
      im[k] = state[2 * i + 1];
    }
    for (let r = 0; r < size; r++) {
      let sr = 0;
      let si = 0;
      for (let c = 0; c < size; c++) {
        const mr = op.matrix[2 * (r * size + c)];
        const mi = op.matrix[2 * (r * size + c) + 1];
        sr += mr * re[c] - mi * im[c];
        si += mr * im[c] + mi * re[c];
      }
      state[2 * index[r]] = sr;
      state[2 * index[r] + 1] = si;
    }
  }
}

/** The unitary of `ops` (in program order) on n qubits. */
export function unitaryOf(ops: readonly UnitaryOp[], n: number): Dense {
  const dim = 1 << n;
  const out = new Float64Array(2 * dim * dim);
  for (let col = 0; col < dim; col++) {
    const state = new Float64Array(2 * dim);
    state[2 * col] = 1;
    for (const op of ops) applyOp(state, n, op);
    for (let row = 0; row < dim; row++) {
      out[2 * (row * dim + col)] = state[2 * row];
      out[2 * (row * dim + col) + 1] = state[2 * row + 1];
    }
  }
  return out;
}

/** max |a·e^{iφ} − b| over the entries, for the φ that aligns the largest entry of a with b. */
export function distanceUpToPhase(a: Dense, b: Dense): number {
  let best = 0;
  for (let i = 2; i < a.length; i += 2) if (Math.hypot(a[i], a[i + 1]) > Math.hypot(a[best], a[best + 1])) best = i;
  // phase = b[best] / a[best], normalised
  const ar = a[best];
  const ai = a[best + 1];
  const norm = ar * ar + ai * ai;
  let pr = (b[best] * ar + b[best + 1] * ai) / norm;
  let pi = (b[best + 1] * ar - b[best] * ai) / norm;
  const len = Math.hypot(pr, pi);
  pr /= len;
  pi /= len;
  let max = 0;
  for (let i = 0; i < a.length; i += 2) {
    const dr = a[i] * pr - a[i + 1] * pi - b[i];
    const di = a[i] * pi + a[i + 1] * pr - b[i + 1];
    max = Math.max(max, Math.hypot(dr, di));
  }
  return max;
}

/** A seeded PRNG (mulberry32), so failures can be reproduced from the seed in the message. */
export { mulberry32 as seededRandom } from '../../../src/lib/random.ts';
