// runCircuit's rules from SPEC §9, in process (the CLI tests cover the same result through qsim):
// which measurements leave the probabilities alone, when trajectories are needed, and that
// trajectories collapse, reset and branch on `if` as the exact branch enumeration says.
import { describe, expect, it } from 'vitest';
import { NeedsShotsError, runCircuit, topProbabilities, type RunResult } from '../../../workers/quantum/engine/run.ts';
import { parseQasm } from '../../../workers/quantum/qasm/index.ts';
import { chiSquareTest } from './chiSquare.ts';
import { exactOutcomes } from './exactOutcomes.ts';
import { statevector } from './simulate.ts';

const program = (...body: string[]) => ['OPENQASM 2.0;', 'include "qelib1.inc";', ...body].join('\n');

async function run(source: string, options: { shots?: number; seed?: number } = {}): Promise<RunResult> {
  const circuit = parseQasm(source);
  return runCircuit(circuit, await statevector(circuit.qubits, true), options);
}

async function needsShots(source: string): Promise<NeedsShotsError> {
  try {
    await run(source);
  } catch (error) {
    if (error instanceof NeedsShotsError) return error;
    throw error;
  }
  throw new Error('ran without --shots');
}

/** Counts against the enumerated exact distribution (chi-square, p > 0.001). */
async function expectFairCounts(source: string, seed: number) {
  const counts = (await run(source, { shots: 4000, seed })).counts!;
  const test = chiSquareTest(counts, exactOutcomes(parseQasm(source)).distribution);
  expect(test.impossible, JSON.stringify(counts)).toEqual([]);
  expect(test.p, `χ² = ${test.statistic}, df = ${test.df}, counts ${JSON.stringify(counts)}, seed ${seed}`).toBeGreaterThan(0.001);
  return counts;
}

describe('runCircuit: one statevector', () => {
  it('a measure after which no gate touches the qubit leaves the probabilities as they were', async () => {
    const gates = ['qreg q[3];', 'creg c[3];', 'h q[0];', 'cx q[0], q[1];', 'ry(0.7) q[2];'];
    const plain = await run(program(...gates));
    // q0 measured, then gates on q1 and q2 only, and a barrier over all of them (not a gate).
    const measured = await run(program(...gates, 'measure q[0] -> c[0];', 'barrier q;', 'rx(0.4) q[1];', 'cx q[1], q[2];', 'measure q -> c;'));
    const expected = await run(program(...gates, 'rx(0.4) q[1];', 'cx q[1], q[2];'));
    expect(measured.probabilities).toEqual(expected.probabilities);
    expect(plain.probabilities).not.toEqual(expected.probabilities);
  });

  it('needs --shots for a gate (target or control) on a measured qubit, a reset or an if; names the line', async () => {
    const head = ['qreg q[2];', 'creg c[2];', 'h q[0];', 'measure q[0] -> c[0];'];
    expect((await needsShots(program(...head, 'x q[1];', 'h q[0];'))).line).toBe(8);
    expect((await needsShots(program(...head, 'cx q[0], q[1];'))).line).toBe(7);
    expect((await needsShots(program('qreg q[1];', 'h q[0];', 'reset q[0];'))).line).toBe(5);
    expect((await needsShots(program('qreg q[1];', 'creg c[1];', 'if (c == 0) x q[0];'))).line).toBe(5);
    expect((await needsShots(program(...head, 'x q[1];', 'h q[0];'))).message).toMatch(/--shots/);
  });

  it('with shots over n > 16 qubits: "top" and "counts"', async () => {
    const result = await run(program('qreg q[17];', 'h q[16];', 'x q[0];'), { shots: 1000, seed: 1 });
    expect(Object.keys(result).sort()).toEqual(['counts', 'qubits', 'top']);
    expect(Object.keys(result.counts!).sort()).toEqual(['1', '65537']);
  });

  it('probabilities add up to 1 and counts to the shots', async () => {
    const result = await run(program('qreg q[6];', 'creg c[6];', ...Array.from({ length: 6 }, (_, q) => `u3(${0.3 * q + 0.1}, ${q}, ${-q}) q[${q}];`), 'cx q[0], q[5];', 'measure q -> c;'), { shots: 777, seed: 5 });
    expect(result.probabilities!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(Object.values(result.counts!).reduce((a, b) => a + b, 0)).toBe(777);
  });
});

describe('runCircuit: trajectories', () => {
  it('a measurement collapses: H, measure, H, measure gives four equally likely outcomes', async () => {
    const source = program('qreg q[1];', 'creg c[2];', 'h q[0];', 'measure q[0] -> c[0];', 'h q[0];', 'measure q[0] -> c[1];');
    const counts = await expectFairCounts(source, 7);
    expect(Object.keys(counts).sort()).toEqual(['0', '1', '2', '3']);
  });

  it('reset returns the qubit to |0⟩ whatever it was', async () => {
    const source = program('qreg q[2];', 'creg c[2];', 'h q[0];', 'x q[1];', 'reset q[0];', 'reset q[1];', 'measure q -> c;');
    expect((await run(source, { shots: 500, seed: 3 })).counts).toEqual({ 0: 500 });
  });

  it('if compares the whole register as an unsigned number', async () => {
    // c = 2 (c[1] = 1): only `if (c == 2)` fires; c[0] = 0 alone would satisfy a per-bit reading of == 0.
    const source = program('qreg q[3];', 'creg c[2];', 'creg d[1];', 'x q[1];', 'measure q[0] -> c[0];', 'measure q[1] -> c[1];', 'if (c == 0) x q[2];', 'if (c == 2) h q[2];', 'measure q[2] -> d[0];');
    const counts = await expectFairCounts(source, 9);
    expect(Object.keys(counts).sort()).toEqual(['2', '6']);
  });

  it('a trajectory circuit without measurements counts final basis states over all qubits', async () => {
    const source = program('qreg q[3];', 'x q[0];', 'reset q[0];', 'h q[1];', 'x q[2];');
    const counts = await expectFairCounts(source, 13);
    expect(Object.keys(counts).sort()).toEqual(['4', '6']);
  });

  it('teleportation with classical corrections: the receiver always ends in the sent state', async () => {
    // Send ry(1.1)|0⟩ from q0 to q2; then undo the preparation on q2 and read it: always 0.
    const source = program(
      'qreg q[3];', 'creg a[1];', 'creg b[1];', 'creg r[1];',
      'ry(1.1) q[0];', 'h q[1];', 'cx q[1], q[2];', 'cx q[0], q[1];', 'h q[0];',
      'measure q[0] -> a[0];', 'measure q[1] -> b[0];', 'if (b == 1) x q[2];', 'if (a == 1) z q[2];',
      'ry(-1.1) q[2];', 'measure q[2] -> r[0];',
    );
    const counts = await expectFairCounts(source, 17);
    for (const key of Object.keys(counts)) expect(Number(key) & 4, key).toBe(0); // r = clbit 2
    expect(Object.keys(counts).sort()).toEqual(['0', '1', '2', '3']);
  });

  it('the same seed gives the same counts', async () => {
    const source = program('qreg q[2];', 'creg c[2];', 'h q[0];', 'measure q[0] -> c[0];', 'cx q[0], q[1];', 'h q[1];', 'measure q[1] -> c[1];');
    const [a, b, c] = await Promise.all([run(source, { shots: 300, seed: 21 }), run(source, { shots: 300, seed: 21 }), run(source, { shots: 300, seed: 22 })]);
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  });
});

describe('topProbabilities', () => {
  it('keeps the k largest p > 0, p descending, ties by index', () => {
    const p = Float64Array.from([0.1, 0, 0.3, 0.1, 0.3, 0.05, 0.1, 0.05]);
    const top = topProbabilities(p, 4);
    expect(top.map(([i]) => i)).toEqual([2, 4, 0, 3]);
    top.forEach(([i, q]) => expect(Math.abs(q - p[i])).toBeLessThan(1e-12 * p[i])); // rounded to ~12 digits
    expect(topProbabilities(p, 100).map(([i]) => i)).toEqual([2, 4, 0, 3, 6, 5, 7]);
    expect(topProbabilities(new Float64Array(8), 4)).toEqual([]);
  });

  it('probabilities equal but for rounding tie (by index); rounding noise on a zero amplitude is not p > 0', () => {
    const p = 0.014673127575819348;
    const ulp = 2 ** -58; // p's last bit
    const top = topProbabilities(Float64Array.from([p - ulp, 1e-35, p + ulp, p, 0.5, 3e-33]), 10);
    expect(top.map(([i]) => i)).toEqual([4, 0, 2, 3]);
    expect(new Set(top.slice(1).map(([, q]) => q)).size).toBe(1);
    expect(Math.abs(top[1][1] - p)).toBeLessThan(1e-15);
  });

  it('an 18-qubit circuit whose gates cancel on some qubits: "top" holds only the possible outcomes, ties by index', async () => {
    const result = await run(
      program('qreg q[18];', 'h q[0];', 'cx q[0], q[1];', 'u3(0.3, 0.2, 0.1) q[12];', 'u3(-0.3, -0.1, -0.2) q[12];', 'h q[17];', 't q[17];', 'tdg q[17];', 'h q[17];', 'rx(0.3) q[2];', 'rx(-0.3) q[2];'),
    );
    expect(result.top).toEqual([
      [0, 0.5],
      [3, 0.5],
    ]);
    // Rotations and phases give probabilities that differ in their last bits; still ties by index.
    const ties = await run(program('qreg q[18];', ...[2, 3, 4, 5, 6, 7].map((q) => `h q[${q}];`), 'ry(0.3) q[0];', 'rx(0.4) q[1];', 't q[2];', 'cx q[2], q[9];', 'rz(0.2) q[5];', 'cx q[5], q[12];'));
    const top = ties.top!;
    expect(top).toHaveLength(64);
    expect(new Set(top.map(([, p]) => p)).size).toBe(1);
    for (let k = 1; k < top.length; k++) expect(top[k][0]).toBeGreaterThan(top[k - 1][0]);
  });
});
