// The standard benchmark circuit of issue 3 and the timings the benchmark reports. Shared by
// `npm run bench` (Node) and the browser comparison, so nothing here imports Node modules.
//
// Standard circuit: H on every qubit, then 5 × [CX(i, i+1) for i in 0..n−2; RZ(0.3) and
// RX(0.7) on every qubit] — 16n − 5 gates.

import type { UnitaryOp } from '../circuit.ts';
import type { KernelModules } from './kernel.ts';
import { Statevector } from './statevector.ts';

const S = Math.SQRT1_2;

function gate(name: string, params: number[], targets: number[], controls: number[], matrix: number[]): UnitaryOp {
  return { kind: 'unitary', name, params, targets, controls, matrix: Float64Array.from(matrix), line: 0 };
}

export const h = (q: number) => gate('h', [], [q], [], [S, 0, S, 0, S, 0, -S, 0]);
export const cx = (control: number, target: number) => gate('cx', [], [target], [control], [0, 0, 1, 0, 1, 0, 0, 0]);
/** qelib1's rz(θ) = diag(e^{-iθ/2}, e^{iθ/2}) (u1 up to a global phase). */
export const rz = (theta: number, q: number) =>
  gate('rz', [theta], [q], [], [Math.cos(theta / 2), -Math.sin(theta / 2), 0, 0, 0, 0, Math.cos(theta / 2), Math.sin(theta / 2)]);
export const rx = (theta: number, q: number) => {
  const c = Math.cos(theta / 2);
  const s = Math.sin(theta / 2);
  return gate('rx', [theta], [q], [], [c, 0, 0, -s, 0, -s, c, 0]);
};

export function standardCircuit(n: number): UnitaryOp[] {
  const ops: UnitaryOp[] = [];
  for (let q = 0; q < n; q++) ops.push(h(q));
  for (let layer = 0; layer < 5; layer++) {
    for (let q = 0; q + 1 < n; q++) ops.push(cx(q, q + 1));
    for (let q = 0; q < n; q++) ops.push(rz(0.3, q), rx(0.7, q));
  }
  return ops;
}

/** Bytes the benchmark credits to the standard circuit: one read + write pass per original gate. */
export function standardCircuitBytes(n: number): number {
  return (16 * n - 5) * 2 * 16 * 2 ** n;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Plain memory-copy bandwidth in GB/s (1e9 bytes, read + written), median of `repeats` copies. */
export function copyBandwidthGBs(bytes = 256e6, repeats = 5): number {
  const length = Math.floor(bytes / 8);
  const from = new Float64Array(length).fill(1);
  const to = new Float64Array(length);
  to.set(from); // warm-up: the first touch of `to` also pays for page faults
  const seconds: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    to.set(from);
    seconds.push((performance.now() - start) / 1000);
  }
  return (2 * 8 * length) / median(seconds) / 1e9;
}

export interface CircuitTiming {
  /** Median seconds of one run of the circuit (fusion planning included). */
  seconds: number;
  runs: number[];
  /** Effective bandwidth, counting one read + write pass per original gate (GB/s). */
  effectiveGBs: number;
}

/** Times `ops` on `state` from |0…0⟩: one warm-up run, then the median of `repeats`. */
export function timeRun(state: Statevector, ops: UnitaryOp[], options: { fusionQubits?: number; repeats?: number } = {}): number[] {
  const runs: number[] = [];
  for (let r = 0; r <= (options.repeats ?? 3); r++) {
    state.reset();
    const start = performance.now();
    state.run(ops, { fusionQubits: options.fusionQubits });
    if (r > 0) runs.push((performance.now() - start) / 1000);
  }
  return runs;
}

/**
 * Times the standard circuit on n qubits (fusion planning included), on a new single-thread
 * state or on `options.state` (e.g. a threaded one).
 */
export function timeStandardCircuit(
  modules: KernelModules,
  n: number,
  options: { simd?: boolean; fusionQubits?: number; repeats?: number; state?: Statevector } = {},
): CircuitTiming {
  const state = options.state ?? Statevector.create(modules, n, { simd: options.simd });
  const runs = timeRun(state, standardCircuit(n), options);
  const seconds = median(runs);
  return { seconds, runs, effectiveGBs: standardCircuitBytes(n) / seconds / 1e9 };
}
