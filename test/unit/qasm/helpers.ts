// Shared by the QASM tests: parse expecting a QasmError, and pick ops by kind.
import type { Circuit, IfOp, MeasureOp, UnitaryOp } from '../../../workers/quantum/circuit.ts';
import { QasmError, parseQasm, type ParseOptions } from '../../../workers/quantum/qasm/index.ts';

/** The QasmError parseQasm throws for `source` (fails the test if it parses, or throws anything else). */
export function qasmError(source: string, options?: ParseOptions): { line: number; message: string } {
  try {
    parseQasm(source, options);
  } catch (error) {
    if (error instanceof QasmError) return { line: error.line, message: error.message };
    throw new Error(`expected a QasmError, got ${String(error)}`, { cause: error });
  }
  throw new Error(`expected a QasmError, but it parsed:\n${source}`);
}

export const unitaries = (circuit: Circuit) => circuit.ops.filter((op): op is UnitaryOp => op.kind === 'unitary');
export const measures = (circuit: Circuit) => circuit.ops.filter((op): op is MeasureOp => op.kind === 'measure');
export const conditionals = (circuit: Circuit) => circuit.ops.filter((op): op is IfOp => op.kind === 'if');

/** Where each unitary op acts, compactly: "name c0,c1>t0,t1". */
export const placements = (circuit: Circuit) =>
  unitaries(circuit).map((op) => `${op.name} ${op.controls.join(',')}>${op.targets.join(',')}`);
