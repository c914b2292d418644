// Every file of QASMBench's "small" set (../shared/qasm/qasmbench-small): real third-party
// circuits. The well-formed ones parse with the right sizes; the four published malformed ones
// fail at the first statement that measures their undeclared register q.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { QasmError, parseQasm } from '../../../workers/quantum/qasm/index.ts';

const DIR = fileURLToPath(new URL('../../../../shared/qasm/qasmbench-small/', import.meta.url));
const FILES = readdirSync(DIR).filter((name) => name.endsWith('.qasm')).sort();

/** File → the line of its first `measure q[...]` (found with grep; q is never declared). */
const MALFORMED: Record<string, number> = {
  'vqe_uccsd_n4.qasm': 225,
  'vqe_uccsd_n6.qasm': 2286,
  'vqe_uccsd_n8.qasm': 10813,
  'hhl_n10.qasm': 186801,
};

const read = (name: string) => readFileSync(DIR + name, 'utf8');

/** Register sizes summed straight from the declarations, independently of the parser. */
function declaredSize(source: string, keyword: 'qreg' | 'creg'): number {
  let total = 0;
  for (const match of source.matchAll(new RegExp(`\\b${keyword}\\s+\\w+\\s*\\[\\s*(\\d+)\\s*\\]`, 'g'))) total += Number(match[1]);
  return total;
}

function parseError(source: string): QasmError {
  try {
    parseQasm(source);
  } catch (error) {
    if (error instanceof QasmError) return error;
    throw error;
  }
  throw new Error('parsed without error');
}

describe('QASMBench small', () => {
  it('has the 43 files the README lists', () => {
    expect(FILES).toHaveLength(43);
    for (const name of Object.keys(MALFORMED)) expect(FILES).toContain(name);
  });

  for (const name of FILES.filter((file) => !(file in MALFORMED))) {
    it(`${name} parses with its declared qubits and bits`, () => {
      const source = read(name);
      const circuit = parseQasm(source);
      expect(circuit.qubits).toBe(declaredSize(source, 'qreg'));
      expect(circuit.clbits).toBe(declaredSize(source, 'creg'));
      expect(circuit.qubits).toBe(Number(/_n(\d+)\.qasm$/.exec(name)![1]));
      expect(circuit.ops.filter((op) => op.kind === 'unitary').length).toBeGreaterThan(0);
      // Every op names real qubits and bits, and a line of the file.
      const lines = source.split(/\r?\n/).length;
      for (const op of circuit.ops) {
        const inner = op.kind === 'if' ? op.op : op;
        const qubits = inner.kind === 'unitary' ? [...inner.targets, ...inner.controls] : [inner.qubit];
        for (const q of qubits) expect(q >= 0 && q < circuit.qubits, `${name}:${op.line}`).toBe(true);
        if (inner.kind === 'measure') expect(inner.clbit >= 0 && inner.clbit < circuit.clbits, `${name}:${op.line}`).toBe(true);
        expect(op.line >= 1 && op.line <= lines).toBe(true);
      }
    });
  }

  for (const [name, line] of Object.entries(MALFORMED)) {
    it(`${name} fails at line ${line}, the first measure of the undeclared register q`, () => {
      const source = read(name);
      expect(source.split(/\r?\n/)[line - 1]).toMatch(/^measure q\[0\] -> c\[0\];/);
      const error = parseError(source);
      expect({ line: error.line, message: error.message }).toEqual({ line, message: "undeclared register 'q'" });
    });
  }

  it('parses the 186,806-line hhl_n10 in well under a few seconds', () => {
    const source = read('hhl_n10.qasm');
    parseError(source); // warm-up
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      const start = performance.now();
      expect(parseError(source).line).toBe(186801);
      times.push(performance.now() - start);
    }
    const median = times.sort((a, b) => a - b)[1];
    console.info(`hhl_n10.qasm: parsed to its error at line 186801 in ${median.toFixed(0)} ms (median of 3)`);
    expect(median).toBeLessThan(5000);
  });
});
