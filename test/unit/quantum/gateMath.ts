// Dense complex matrices built from the mathematics alone, for reference gates that do not come
// from the code under test. Layout as in circuit.ts: row-major, re/im interleaved; on a list of
// qubits, index bit j belongs to the j-th qubit of the list.

export type Matrix = Float64Array;
export type Complex = readonly [number, number];

export const dimension = (m: Matrix) => Math.round(Math.sqrt(m.length / 2));

export function fromRows(rows: readonly (readonly Complex[])[]): Matrix {
  const dim = rows.length;
  const out = new Float64Array(2 * dim * dim);
  rows.forEach((row, r) => {
    if (row.length !== dim) throw new Error('not square');
    row.forEach(([re, im], c) => {
      out[2 * (r * dim + c)] = re;
      out[2 * (r * dim + c) + 1] = im;
    });
  });
  return out;
}

export function identity(dim: number): Matrix {
  const out = new Float64Array(2 * dim * dim);
  for (let i = 0; i < dim; i++) out[2 * (i * dim + i)] = 1;
  return out;
}

/** a·b */
export function multiply(a: Matrix, b: Matrix): Matrix {
  const dim = dimension(a);
  const out = new Float64Array(2 * dim * dim);
  for (let r = 0; r < dim; r++) {
    for (let k = 0; k < dim; k++) {
      const ar = a[2 * (r * dim + k)];
      const ai = a[2 * (r * dim + k) + 1];
      if (ar === 0 && ai === 0) continue;
      for (let c = 0; c < dim; c++) {
        const br = b[2 * (k * dim + c)];
        const bi = b[2 * (k * dim + c) + 1];
        out[2 * (r * dim + c)] += ar * br - ai * bi;
        out[2 * (r * dim + c) + 1] += ar * bi + ai * br;
      }
    }
  }
  return out;
}

/** z·a */
export function scale(a: Matrix, [zr, zi]: Complex): Matrix {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i += 2) {
    out[i] = a[i] * zr - a[i + 1] * zi;
    out[i + 1] = a[i] * zi + a[i + 1] * zr;
  }
  return out;
}

export function add(a: Matrix, b: Matrix): Matrix {
  return a.map((x, i) => x + b[i]);
}

export const cis = (angle: number): Complex => [Math.cos(angle), Math.sin(angle)];

/** The operator applied by the gates in time order: last · … · first. */
export function sequence(gates: readonly Matrix[]): Matrix {
  return gates.reduce((total, gate) => multiply(gate, total));
}

/**
 * `m` (on k qubits) acting on `qubits` (bit j of m's index ↔ qubits[j]) of an n-qubit
 * register, the identity on the rest: ⟨r|M|c⟩ = ⟨r_sub|m|c_sub⟩ when r and c agree elsewhere.
 */
export function embed(m: Matrix, qubits: readonly number[], n: number): Matrix {
  const dim = 2 ** n;
  const sub = dimension(m);
  if (sub !== 2 ** qubits.length) throw new Error('matrix size does not match its qubits');
  const mask = qubits.reduce((acc, q) => acc | (1 << q), 0);
  const local = (index: number) => qubits.reduce((acc, q, j) => acc | (((index >> q) & 1) << j), 0);
  const out = new Float64Array(2 * dim * dim);
  for (let r = 0; r < dim; r++) {
    for (let c = 0; c < dim; c++) {
      if ((r & ~mask) !== (c & ~mask)) continue;
      const at = 2 * (local(r) * sub + local(c));
      out[2 * (r * dim + c)] = m[at];
      out[2 * (r * dim + c) + 1] = m[at + 1];
    }
  }
  return out;
}

/**
 * `v` controlled by `controls` qubits: index bits 0…controls−1 are the controls, the rest v's.
 * Where any control is 0 the identity, where all are 1 the block v.
 */
export function controlled(v: Matrix, controls: number): Matrix {
  const vDim = dimension(v);
  const dim = vDim << controls;
  const all = (1 << controls) - 1;
  const out = identity(dim);
  for (let r = 0; r < vDim; r++) {
    for (let c = 0; c < vDim; c++) {
      const row = (r << controls) | all;
      const col = (c << controls) | all;
      out[2 * (row * dim + col)] = v[2 * (r * vDim + c)];
      out[2 * (row * dim + col) + 1] = v[2 * (r * vDim + c) + 1];
    }
  }
  return out;
}

// One-qubit gates from their definitions.
const ZERO: Complex = [0, 0];
const ONE: Complex = [1, 0];
export const X = fromRows([
  [ZERO, ONE],
  [ONE, ZERO],
]);
export const Z = fromRows([
  [ONE, ZERO],
  [ZERO, [-1, 0]],
]);
export const H = scale(
  fromRows([
    [ONE, ONE],
    [ONE, [-1, 0]],
  ]),
  [Math.SQRT1_2, 0],
);
/** diag(1, e^{iλ}) */
export const phase = (lambda: number) =>
  fromRows([
    [ONE, ZERO],
    [ZERO, cis(lambda)],
  ]);
export const T = phase(Math.PI / 4);
export const TDG = phase(-Math.PI / 4);

/** exp(−iθ/2·P) = cos(θ/2)·I − i·sin(θ/2)·P for a Pauli product P (P² = I). */
export function pauliRotation(p: Matrix, theta: number): Matrix {
  return add(scale(identity(dimension(p)), [Math.cos(theta / 2), 0]), scale(p, [0, -Math.sin(theta / 2)]));
}
export const Y = scale(multiply(X, Z), [0, 1]); // Y = i·X·Z
export const RX = (theta: number) => pauliRotation(X, theta);
export const RY = (theta: number) => pauliRotation(Y, theta);
export const RZ = (theta: number) => pauliRotation(Z, theta);

/** OpenQASM's U(θ, φ, λ) = Rz(φ)·Ry(θ)·Rz(λ), with the phase e^{i(φ+λ)/2} that makes ⟨0|U|0⟩ = cos(θ/2). */
export const U3 = (theta: number, phi: number, lambda: number) =>
  scale(sequence([RZ(lambda), RY(theta), RZ(phi)]), cis((phi + lambda) / 2));

