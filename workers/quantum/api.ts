// The quantum worker's typed API, imported by both sides of the comlink bridge.
import type { OptimiserRequest, OptimiserResponse } from './templates/optimisers.ts';

export interface QuantumRunRequest {
  qasm: string;
  shots?: number;
  seed?: number;
  /** Refuse a state larger than this many bytes (16 · 2^n), with a message. */
  memoryBudgetBytes: number;
  /** Pauli strings to evaluate (rightmost letter = qubit 0), e.g. "ZZ". */
  paulis?: string[];
}

export interface QuantumRunResult {
  qubits: number;
  /** One statevector per shot (reset, if, or gates after a measurement): only counts. */
  trajectories: boolean;
  /** The most probable basis states, p descending (at most 32), for the histogram. */
  top: { index: number; p: number }[];
  /** The largest amplitudes (at most 64), p descending. */
  amplitudes: { index: number; re: number; im: number; p: number }[];
  bloch: { x: number; y: number; z: number }[];
  counts?: Record<string, number>;
  expectations: { pauli: string; value: number | null; error?: string }[];
  milliseconds: number;
  kernel: 'simd' | 'plain';
}

/** A failure the user can act on: bad QASM (with its line), too large, needs shots. */
export interface QuantumRunError {
  message: string;
  line?: number;
}

export interface QuantumApi {
  /** Parses only: the error (with line) or the qubit count. */
  check(qasm: string): Promise<{ ok: true; qubits: number } | { ok: false; error: QuantumRunError }>;
  /** `onProgress` (a comlink proxy) hears the fraction done while the worker computes. */
  run(
    request: QuantumRunRequest,
    onProgress?: (fraction: number) => void,
  ): Promise<{ ok: true; result: QuantumRunResult } | { ok: false; error: QuantumRunError }>;
  /** VQE or QAOA: the classical optimisation loop around the simulator; `onProgress` (a comlink proxy) hears how far it is. */
  optimise(request: OptimiserRequest, onProgress?: (fraction: number, best: number) => void): Promise<OptimiserResponse>;
  /** Qiskit / Cirq program or SVG drawing, via quantum-circuit (its own chunk, loaded on first use). */
  exportCircuit(
    qasm: string,
    format: 'qiskit' | 'cirq' | 'svg',
  ): Promise<{ ok: true; text: string } | { ok: false; error: QuantumRunError }>;
  /** `npm run bench`: the standard circuit of issue 3 on n qubits in this worker (median seconds). */
  timeStandardCircuit(n: number, repeats: number): Promise<{ seconds: number; runs: number[]; simd: boolean }>;
}
