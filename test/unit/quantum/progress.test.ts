// Progress reports from runCircuit (the Quantum section's progress bar): rising fractions that
// end at 1, and the same result as a run without them.
import { describe, expect, it } from 'vitest';
import { runCircuit } from '../../../workers/quantum/engine/run.ts';
import { parseQasm } from '../../../workers/quantum/qasm/index.ts';
import { statevector } from './simulate.ts';

const layers = Array.from({ length: 120 }, (_, i) => `rx(0.${(i % 9) + 1}) q[${i % 5}];\ncx q[${i % 5}], q[${(i + 1) % 5}];`);
const source = ['OPENQASM 2.0;', 'include "qelib1.inc";', 'qreg q[5];', 'creg c[5];', ...layers].join('\n');

describe('run progress', () => {
  it('reports rising fractions ending at 1, without changing the result', async () => {
    const circuit = parseQasm(source);
    const fractions: number[] = [];
    const withProgress = runCircuit(circuit, await statevector(5, true), { onProgress: (f) => fractions.push(f) });
    const without = runCircuit(circuit, await statevector(5, true));
    expect(fractions.length).toBeGreaterThanOrEqual(40);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((f, i) => i === 0 || f > fractions[i - 1])).toBe(true);
    withProgress.probabilities!.forEach((p, i) => expect(p).toBeCloseTo(without.probabilities![i], 12));
  });

  it('reports per shot for trajectory circuits', async () => {
    const circuit = parseQasm(`${source}\nmeasure q[0] -> c[0];\nreset q[0];\nh q[0];\nmeasure q -> c;`);
    const fractions: number[] = [];
    runCircuit(circuit, await statevector(5, true), { shots: 200, seed: 7, onProgress: (f) => fractions.push(f) });
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.length).toBeGreaterThanOrEqual(40);
  });
});
