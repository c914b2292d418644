// VQE for H2 at 0.735 Å in its 2-qubit (parity-reduced) form: a hardware-efficient ansatz
// (ry layer, cx, ry layer) whose energy ⟨ψ(θ)|H|ψ(θ)⟩ comes from Pauli expectation values on
// the statevector, minimised by Nelder–Mead.

import { pauliExpectation } from '../engine/pauli.ts';
import { seededRandom } from '../engine/random.ts';
import { nelderMead } from './optimise.ts';
import { prepare, type StateFactory } from './state.ts';

/** H = Σ c·P, Pauli strings read like Qiskit (rightmost letter = qubit 0). */
export const H2_HAMILTONIAN: readonly { pauli: string; coefficient: number }[] = [
  { pauli: 'II', coefficient: -1.052373245772859 },
  { pauli: 'ZI', coefficient: 0.39793742484318045 },
  { pauli: 'IZ', coefficient: -0.39793742484318045 },
  { pauli: 'ZZ', coefficient: -0.01128010425623538 },
  { pauli: 'XX', coefficient: 0.18093119978423156 },
];

/** The lowest eigenvalue of H2_HAMILTONIAN (exact diagonalisation). */
export const H2_GROUND_ENERGY = -1.857275030202378;

export const VQE_PARAMETERS = 4;

/** ry(θ0), ry(θ1); cx; ry(θ2), ry(θ3): reaches every real 2-qubit state, H2's ground state among them. */
export function vqeAnsatz(theta: readonly number[]): string {
  return [
    'OPENQASM 2.0;',
    'include "qelib1.inc";',
    'qreg q[2];',
    `ry(${theta[0]}) q[0];`,
    `ry(${theta[1]}) q[1];`,
    'cx q[0], q[1];',
    `ry(${theta[2]}) q[0];`,
    `ry(${theta[3]}) q[1];`,
    '',
  ].join('\n');
}

export interface VqeOptions {
  seed?: number;
  maxIterations?: number;
  /** Fraction of the iteration budget used, and the best energy so far. */
  onProgress?: (fraction: number, best: number) => void;
}

export interface VqeResult {
  energy: number;
  exactEnergy: number;
  parameters: number[];
  /** Best energy after each Nelder–Mead iteration. */
  history: number[];
  evaluations: number;
  seed: number;
  qasm: string;
}

export function runVqe(createState: StateFactory, options: VqeOptions = {}): VqeResult {
  const seed = options.seed ?? 1;
  const random = seededRandom(seed);
  const state = createState(2);
  const energy = (theta: number[]) => {
    prepare(state, vqeAnsatz(theta));
    const amplitudes = state.amplitudes();
    return H2_HAMILTONIAN.reduce((sum, { pauli, coefficient }) => sum + coefficient * pauliExpectation(amplitudes, pauli), 0);
  };
  const start = Array.from({ length: VQE_PARAMETERS }, () => (random() * 2 - 1) * Math.PI);
  const maxIterations = options.maxIterations ?? 2000;
  const onIteration = options.onProgress && ((i: number, best: number) => options.onProgress!(i / maxIterations, best));
  const result = nelderMead(energy, start, { step: 0.5, tolerance: 1e-12, maxIterations, onIteration });
  return {
    energy: result.value,
    exactEnergy: H2_GROUND_ENERGY,
    parameters: result.x,
    history: result.history,
    evaluations: result.evaluations,
    seed,
    qasm: vqeAnsatz(result.x),
  };
}
