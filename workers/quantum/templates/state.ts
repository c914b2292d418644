// What the classical loops need from a simulator, so they run on the wasm Statevector in the
// worker and in Node tests alike: `(n) => Statevector.create(modules, n)`.

import type { UnitaryOp } from '../circuit.ts';
import { parseQasm } from '../qasm/index.ts';

export interface LoopState {
  reset(): void;
  run(ops: UnitaryOp[]): void;
  amplitudes(): Float64Array;
  probabilities(): Float64Array;
}

export type StateFactory = (qubits: number) => LoopState;

/** The unitary part of a QASM program (the loops read the state, not measurements). */
export function unitaryOps(qasm: string): UnitaryOp[] {
  return parseQasm(qasm).ops.filter((op): op is UnitaryOp => op.kind === 'unitary');
}

/** Runs `qasm` from |0…0⟩ on `state`. */
export function prepare(state: LoopState, qasm: string): void {
  state.reset();
  state.run(unitaryOps(qasm));
}
