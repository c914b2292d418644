// Hostile QASM (test/fixtures/hostile/qasm.json) through the path of the Quantum lab and
// `npm run qsim`: parseQasm, then Statevector.create and runCircuit. Every case ends in a
// result or a QasmError (line N: message) / StateTooLargeError, never another exception,
// and within a time bound (sizes are refused by checks, not by trying to allocate).
import { beforeAll, describe, expect, it } from 'vitest';
import { QasmError, parseQasm } from '../../../workers/quantum/qasm/index.ts';
import { runCircuit } from '../../../workers/quantum/engine/run.ts';
import { loadKernelNode } from '../../../workers/quantum/kernel/loadNode.ts';
import { Statevector, StateTooLargeError } from '../../../workers/quantum/kernel/statevector.ts';
import { expectClearMessage, loadCases, text, type HostileCase, type TextSpec } from './corpus.ts';

interface QasmCase extends HostileCase {
  source: TextSpec;
  expect: 'error' | 'ok';
  line?: number;
  message?: string;
  run?: boolean;
}

const CASES = loadCases<QasmCase>('qasm.json');
/** Per case: parsing plus (for accepted programs) the simulator's refusal or a tiny run. */
const BOUND_MS = 3000;

let kernel: Awaited<ReturnType<typeof loadKernelNode>>;
beforeAll(async () => {
  kernel = await loadKernelNode();
});

describe('hostile QASM', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const source = text(c.source);
    const lines = source.split(/\r\n|\r|\n/).length;
    const start = performance.now();
    let thrown: unknown;
    let circuit: ReturnType<typeof parseQasm> | undefined;
    try {
      circuit = parseQasm(source);
    } catch (error) {
      thrown = error;
    }
    if (c.expect === 'error') {
      expect(thrown, 'a QasmError, not a result or another exception').toBeInstanceOf(QasmError);
      const error = thrown as QasmError;
      expect(Number.isInteger(error.line) && error.line >= 1 && error.line <= lines + 1, `line ${error.line} of ${lines}`).toBe(true);
      if (c.line !== undefined) expect(error.line).toBe(c.line);
      if (c.message !== undefined) expect(error.message).toContain(c.message);
      expectClearMessage(error.message);
      // What qsim prints: FILE:LINE: message, one line.
      expect(`x.qasm:${error.line}: ${error.message}`).toMatch(/^x\.qasm:\d+: \S/);
    } else {
      expect(thrown, `parses (${String(thrown)})`).toBeUndefined();
      if (c.run) {
        try {
          const simulator = Statevector.create(kernel, circuit!.qubits);
          const result = runCircuit(circuit!, simulator, { shots: 8, seed: 1 });
          expect(result.qubits).toBe(circuit!.qubits);
        } catch (error) {
          expect(error, 'the simulator refuses a state it cannot hold').toBeInstanceOf(StateTooLargeError);
          expectClearMessage((error as Error).message);
        }
      }
    }
    expect(performance.now() - start, 'time bound').toBeLessThan(BOUND_MS);
  });
});
