// Small complex matrices for the native gate forms, in circuit.ts's layout: row-major,
// re/im interleaved, row/column bit j ↔ targets[j].

/** A complex number as [re, im]. */
export type Complex = readonly [number, number];

const cis = (angle: number): Complex => [Math.cos(angle), Math.sin(angle)];
const times = (a: Complex, s: number): Complex => [a[0] * s, a[1] * s];

/** A matrix from its entries, row by row. */
export function matrix(entries: readonly Complex[]): Float64Array {
  const out = new Float64Array(entries.length * 2);
  entries.forEach(([re, im], i) => {
    out[2 * i] = re;
    out[2 * i + 1] = im;
  });
  return out;
}

/** A diagonal matrix. */
export function diagonal(entries: readonly Complex[]): Float64Array {
  const n = entries.length;
  const out = new Float64Array(2 * n * n);
  entries.forEach(([re, im], i) => {
    out[2 * (i * n + i)] = re;
    out[2 * (i * n + i) + 1] = im;
  });
  return out;
}

/** A matrix with one entry per column: column c goes to row `rows[c]`, times `phases[c]`. */
export function monomial(rows: readonly number[], phases: readonly Complex[]): Float64Array {
  const n = rows.length;
  const out = new Float64Array(2 * n * n);
  rows.forEach((row, col) => {
    out[2 * (row * n + col)] = phases[col][0];
    out[2 * (row * n + col) + 1] = phases[col][1];
  });
  return out;
}

const ONE: Complex = [1, 0];
const ZERO: Complex = [0, 0];
const I: Complex = [0, 1];
const MINUS_I: Complex = [0, -1];
const HALF_SQRT2 = Math.SQRT1_2;

/** qelib1's u3 = OpenQASM's U, in the usual form (global phase e^{i(φ+λ)/2} from Rz·Ry·Rz). */
export function u3(theta: number, phi: number, lambda: number, phase = 0): Float64Array {
  const c = Math.cos(theta / 2);
  const s = Math.sin(theta / 2);
  return matrix([
    times(cis(phase), c),
    times(cis(phase + lambda), -s),
    times(cis(phase + phi), s),
    times(cis(phase + phi + lambda), c),
  ]);
}

export const phaseGate = (lambda: number) => diagonal([ONE, cis(lambda)]);
export const rz = (phi: number) => diagonal([cis(-phi / 2), cis(phi / 2)]);
export const rx = (theta: number) => {
  const c = Math.cos(theta / 2);
  const s = Math.sin(theta / 2);
  return matrix([[c, 0], [0, -s], [0, -s], [c, 0]]);
};
export const ry = (theta: number) => u3(theta, 0, 0);

export const identity = () => diagonal([ONE, ONE]);
export const pauliX = () => matrix([ZERO, ONE, ONE, ZERO]);
export const pauliY = () => matrix([ZERO, MINUS_I, I, ZERO]);
export const pauliZ = () => diagonal([ONE, [-1, 0]]);
export const hadamard = () => matrix([[HALF_SQRT2, 0], [HALF_SQRT2, 0], [HALF_SQRT2, 0], [-HALF_SQRT2, 0]]);
/** √X = H·S·H. */
export const sqrtX = () => matrix([[0.5, 0.5], [0.5, -0.5], [0.5, -0.5], [0.5, 0.5]]);
export const sqrtXDagger = () => matrix([[0.5, -0.5], [0.5, 0.5], [0.5, 0.5], [0.5, -0.5]]);

export const swap = () => monomial([0, 2, 1, 3], [ONE, ONE, ONE, ONE]);

/** exp(-iθ/2 · Z⊗Z). */
export const rzz = (theta: number) => {
  const same = cis(-theta / 2);
  const differ = cis(theta / 2);
  return diagonal([same, differ, differ, same]);
};

/** exp(-iθ/2 · X⊗X). */
export const rxx = (theta: number) => {
  const c: Complex = [Math.cos(theta / 2), 0];
  const s: Complex = [0, -Math.sin(theta / 2)];
  return matrix([c, ZERO, ZERO, s, ZERO, c, s, ZERO, ZERO, s, c, ZERO, s, ZERO, ZERO, c]);
};
