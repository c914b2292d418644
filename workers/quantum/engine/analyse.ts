// What a circuit needs: one statevector (gates, then terminal measurements) or one per shot
// (SPEC §9: reset, `if`, or a gate on a qubit after its measurement).

import type { Circuit, Op } from '../circuit.ts';

export interface CircuitShape {
  /** True when the result depends on mid-circuit measurement outcomes. */
  needsTrajectories: boolean;
  /** The first op that makes it so (for the message). */
  reason: { line: number; what: string } | null;
  measures: boolean;
}

export function analyseCircuit(circuit: Circuit): CircuitShape {
  const measured = new Set<number>();
  let measures = false;
  for (const op of circuit.ops) {
    const found = trajectoryReason(op, measured);
    if (found) return { needsTrajectories: true, reason: { line: op.line, what: found }, measures: true };
    if (op.kind === 'measure') {
      measured.add(op.qubit);
      measures = true;
    }
  }
  return { needsTrajectories: false, reason: null, measures };
}

function trajectoryReason(op: Op, measured: Set<number>): string | null {
  if (op.kind === 'reset') return 'a reset';
  if (op.kind === 'if') return 'a classically controlled gate (if)';
  if (op.kind === 'unitary') {
    const touched = [...op.targets, ...op.controls].find((q) => measured.has(q));
    if (touched !== undefined) return `a gate on qubit ${touched} after its measurement`;
  }
  return null;
}
