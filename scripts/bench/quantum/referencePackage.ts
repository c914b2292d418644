// The npm quantum-circuit package on the same circuit, for the speed comparison.
import { createRequire } from 'node:module';
import type { UnitaryOp } from '../../../workers/quantum/circuit.ts';
import { median } from '../../../workers/quantum/kernel/benchCircuit.ts';

interface QuantumCircuitInstance {
  importQASM(source: string, onErrors: (errors: unknown[]) => void): void;
  run(): void;
}

/** The ops as OpenQASM (quantum-circuit imports it; only `run()` is timed). */
function toQasm(ops: UnitaryOp[], n: number): string {
  const lines = ops.map((op) => {
    const params = op.params.length ? `(${op.params.join(',')})` : '';
    return `${op.name}${params} ${[...op.controls, ...op.targets].map((q) => `q[${q}]`).join(',')};`;
  });
  return `OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[${n}];\n${lines.join('\n')}\n`;
}

/** Median seconds of `repeats` runs (after a warm-up) of `ops` in quantum-circuit. */
export async function timeQuantumCircuit(ops: UnitaryOp[], n: number, repeats: number, log: (m: string) => void): Promise<number> {
  // mathjs 6 inside quantum-circuit expects a `global` (NOTES-platform.md).
  (globalThis as { global?: unknown }).global ??= globalThis;
  const QuantumCircuit = createRequire(import.meta.url)('quantum-circuit') as new () => QuantumCircuitInstance;
  const source = toQasm(ops, n);
  const runs: number[] = [];
  for (let r = 0; r <= repeats; r++) {
    const circuit = new QuantumCircuit();
    let errors: unknown[] = [];
    circuit.importQASM(source, (found) => (errors = found ?? []));
    if (errors.length) throw new Error(`quantum-circuit refused the circuit: ${JSON.stringify(errors[0])}`);
    const start = performance.now();
    circuit.run();
    const seconds = (performance.now() - start) / 1000;
    if (r > 0) runs.push(seconds);
    log(`  quantum-circuit n=${n} run ${r}${r === 0 ? ' (warm-up)' : ''}: ${seconds.toFixed(2)} s`);
  }
  return median(runs);
}
