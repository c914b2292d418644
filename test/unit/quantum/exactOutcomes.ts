// The exact distribution of what `runCircuit(…, { shots })` counts, by enumerating every branch of
// the measurement outcomes on a dense state vector (test/unit/qasm/dense.ts applies the gates; the
// projection, reset and classical logic are written here, independently of the engine).
// What is counted (SPEC §9): the classical bits, cregs end to end, when the circuit measures;
// else the final basis state over all qubits.
import type { Circuit, Op } from '../../../workers/quantum/circuit.ts';
import { applyOp } from '../qasm/dense.ts';

/** Branches below this probability are dropped (their total is reported as `dropped`). */
const PRUNE = 1e-13;

export interface ExactOutcomes {
  /** Decimal key (as in "counts") → probability. */
  distribution: Map<string, number>;
  branches: number;
  dropped: number;
}

export function exactOutcomes(circuit: Circuit): ExactOutcomes {
  const n = circuit.qubits;
  const counted = circuit.ops.some((op) => op.kind === 'measure' || (op.kind === 'if' && op.op.kind === 'measure'));
  const distribution = new Map<string, number>();
  let branches = 0;
  let dropped = 0;
  const add = (key: string, p: number) => distribution.set(key, (distribution.get(key) ?? 0) + p);

  const walk = (from: number, state: Float64Array, clbits: number[], weight: number): void => {
    for (let i = from; i < circuit.ops.length; i++) {
      let op: Op = circuit.ops[i];
      if (op.kind === 'if') {
        const { offset, size } = op.creg;
        let value = 0;
        for (let b = 0; b < size; b++) value += clbits[offset + b] * 2 ** b;
        if (value !== op.value) continue;
        op = op.op;
      }
      if (op.kind === 'unitary') {
        applyOp(state, n, op);
        continue;
      }
      // measure or reset: branch on the qubit's value.
      const bit = 1 << op.qubit;
      let p1 = 0;
      for (let s = 0; s < 2 ** n; s++) if (s & bit) p1 += state[2 * s] ** 2 + state[2 * s + 1] ** 2;
      for (const outcome of [0, 1] as const) {
        const p = outcome ? p1 : 1 - p1;
        if (p < PRUNE) {
          dropped += weight * Math.max(p, 0);
          continue;
        }
        const next = new Float64Array(state.length);
        for (let s = 0; s < 2 ** n; s++) {
          if (((s & bit) !== 0) !== (outcome === 1)) continue;
          const to = op.kind === 'reset' ? s & ~bit : s; // reset moves the branch to |0⟩
          next[2 * to] = state[2 * s] / Math.sqrt(p);
          next[2 * to + 1] = state[2 * s + 1] / Math.sqrt(p);
        }
        const bits = [...clbits];
        if (op.kind === 'measure') bits[op.clbit] = outcome;
        walk(i + 1, next, bits, weight * p);
      }
      return;
    }
    branches++;
    if (counted) {
      let key = 0n;
      for (let b = clbits.length - 1; b >= 0; b--) key = (key << 1n) | BigInt(clbits[b]);
      add(key.toString(), weight);
    } else {
      for (let s = 0; s < 2 ** n; s++) {
        const p = state[2 * s] ** 2 + state[2 * s + 1] ** 2;
        if (p > 0) add(String(s), weight * p);
      }
    }
  };

  const start = new Float64Array(2 * 2 ** n);
  start[0] = 1;
  walk(0, start, new Array<number>(circuit.clbits).fill(0), 1);
  return { distribution, branches, dropped };
}

/**
 * The classical-register distribution implied by final-state probabilities, for a circuit whose
 * measurements read qubits no later gate touches: clbit c holds the bit of the qubit measured
 * into it last (0 if never written).
 */
export function impliedRegisterDistribution(circuit: Circuit, probabilities: ArrayLike<number>): Map<string, number> {
  const writes = new Map<number, number>(); // clbit → qubit
  for (const op of circuit.ops) if (op.kind === 'measure') writes.set(op.clbit, op.qubit);
  const out = new Map<string, number>();
  for (let s = 0; s < probabilities.length; s++) {
    if (!(probabilities[s] > 0)) continue;
    let key = 0n;
    for (let c = circuit.clbits - 1; c >= 0; c--) {
      const q = writes.get(c);
      key = (key << 1n) | BigInt(q === undefined ? 0 : (s >> q) & 1);
    }
    out.set(key.toString(), (out.get(key.toString()) ?? 0) + probabilities[s]);
  }
  return out;
}
