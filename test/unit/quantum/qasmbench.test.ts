// Every file of QASMBench's "small" set (../shared/qasm/qasmbench-small), real third-party circuits:
//  (a) the well-formed files that need one statevector: runCircuit's probabilities (and the
//      kernel's amplitudes, both builds) against quantum-circuit run on the same file with its
//      measurements removed;
//  (b) every well-formed file with shots: runCircuit's counts against the exact distribution of
//      what it counts, by a chi-square goodness-of-fit test (fixed seed). Exact distributions:
//      implied by the exact probabilities for terminal measurements, by enumerating measurement
//      branches for the trajectory files (reset, if, a gate after a measurement);
// The four malformed files are checked by line through the CLI (cli.test.ts).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyseCircuit } from '../../../workers/quantum/engine/analyse.ts';
import { NeedsShotsError, runCircuit } from '../../../workers/quantum/engine/run.ts';
import { parseQasm } from '../../../workers/quantum/qasm/index.ts';
import { distanceUpToPhase } from '../qasm/dense.ts';
import { chiSquarePValue, chiSquareTest, upperGammaRegularised } from './chiSquare.ts';
import { exactOutcomes, impliedRegisterDistribution } from './exactOutcomes.ts';
import { ReferenceCircuit, stripMeasurements } from './quantumCircuit.ts';
import { BUILDS, kernelState, statevector, unitaryOps } from './simulate.ts';

const QASMBENCH_DIR = fileURLToPath(new URL('../../../../shared/qasm/qasmbench-small/', import.meta.url));
const FILES = readdirSync(QASMBENCH_DIR).filter((name) => name.endsWith('.qasm')).sort();
const MALFORMED = ['hhl_n10.qasm', 'vqe_uccsd_n4.qasm', 'vqe_uccsd_n6.qasm', 'vqe_uccsd_n8.qasm'];
/** The README's list of files that need more than one statevector. */
const TRAJECTORY_FILES = ['bb84_n8.qasm', 'inverseqft_n4.qasm', 'ipea_n2.qasm', 'qec_sm_n5.qasm', 'shor_n5.qasm'];
const WELL_FORMED = FILES.filter((name) => !MALFORMED.includes(name));
const ONE_STATEVECTOR = WELL_FORMED.filter((name) => !TRAJECTORY_FILES.includes(name));

const SHOTS = 4000;
const SEED = Number(process.env.QSIM_SHOTS_SEED ?? 2024);
const MIN_P = 0.001;
const TOLERANCE = 1e-10;

const read = (name: string) => readFileSync(QASMBENCH_DIR + name, 'utf8');

const distance = (a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>) =>
  Math.max(...[...new Set([...a.keys(), ...b.keys()])].map((key) => Math.abs((a.get(key) ?? 0) - (b.get(key) ?? 0))));

describe('QASMBench small: the corpus', () => {
  it('holds 43 files: 4 malformed, 5 that need trajectories (and runCircuit agrees which)', () => {
    expect(FILES).toHaveLength(43);
    for (const name of [...MALFORMED, ...TRAJECTORY_FILES]) expect(FILES).toContain(name);
    for (const name of WELL_FORMED) {
      expect(analyseCircuit(parseQasm(read(name))).needsTrajectories, name).toBe(TRAJECTORY_FILES.includes(name));
    }
  });
});

describe('QASMBench small (a): probabilities against quantum-circuit, measurements removed', () => {
  for (const name of ONE_STATEVECTOR) {
    it(name, async () => {
      const source = read(name);
      // quantum-circuit silently drops OpenQASM's built-in U and CX: none here.
      expect(source).not.toMatch(/^\s*(U\s*\(|CX\s)/m);
      const circuit = parseQasm(source);
      const n = circuit.qubits;
      const stripped = parseQasm(stripMeasurements(source));
      expect(stripped.ops.filter((op) => op.kind !== 'unitary')).toEqual([]);
      expect(unitaryOps(stripped)).toHaveLength(unitaryOps(circuit).length);
      const expected = new ReferenceCircuit(stripMeasurements(source), n).state();
      const expectedP = Array.from({ length: 2 ** n }, (_, i) => expected[2 * i] ** 2 + expected[2 * i + 1] ** 2);
      for (const build of BUILDS) {
        const result = runCircuit(circuit, await statevector(n, build.simd));
        expect(Object.keys(result).sort()).toEqual(['probabilities', 'qubits']);
        expect(result.qubits).toBe(n);
        expect(result.probabilities).toHaveLength(2 ** n);
        const worst = Math.max(...result.probabilities!.map((p, i) => Math.abs(p - expectedP[i])));
        expect(worst, `${name}: largest probability difference (${build.name} build)`).toBeLessThan(TOLERANCE);
        expect(distanceUpToPhase(expected, await kernelState(unitaryOps(circuit), n, build.simd)), `${name}: amplitudes (${build.name})`).toBeLessThan(TOLERANCE);
      }
    });
  }
});

describe(`QASMBench small (b): ${SHOTS} shots against the exact distribution, chi-square p > ${MIN_P} (seed ${SEED}, QSIM_SHOTS_SEED)`, () => {
  for (const name of WELL_FORMED) {
    const trajectories = TRAJECTORY_FILES.includes(name);
    it(`${name}${trajectories ? ' (trajectories)' : ''}`, async () => {
      const circuit = parseQasm(read(name));
      const enumerated = exactOutcomes(circuit);
      expect(enumerated.dropped).toBeLessThan(1e-9);
      let exact = enumerated.distribution;
      if (!trajectories) {
        // Terminal measurements: the register distribution the exact probabilities imply
        // (quantum-circuit's, measurements removed), which the branch enumeration must match.
        const state = new ReferenceCircuit(stripMeasurements(read(name)), circuit.qubits).state();
        const probabilities = Array.from({ length: 2 ** circuit.qubits }, (_, i) => state[2 * i] ** 2 + state[2 * i + 1] ** 2);
        exact = impliedRegisterDistribution(circuit, probabilities);
        expect(distance(exact, enumerated.distribution), `${name}: branch enumeration against the implied distribution`).toBeLessThan(TOLERANCE);
      } else {
        const simulator = await statevector(circuit.qubits, true);
        expect(() => runCircuit(circuit, simulator)).toThrow(NeedsShotsError);
      }
      const result = runCircuit(circuit, await statevector(circuit.qubits, true), { shots: SHOTS, seed: SEED });
      expect(Object.keys(result).sort()).toEqual(trajectories ? ['counts', 'qubits'] : ['counts', 'probabilities', 'qubits']);
      const counts = result.counts!;
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(SHOTS);
      for (const [key, count] of Object.entries(counts)) {
        expect(key).toMatch(/^(0|[1-9][0-9]*)$/);
        expect(count).toBeGreaterThan(0);
      }
      const test = chiSquareTest(counts, exact);
      const summary = `${name}: χ² = ${test.statistic.toFixed(2)}, df = ${test.df}, p = ${test.p.toPrecision(3)}, impossible outcomes: [${test.impossible}] (seed ${SEED})`;
      expect(test.impossible, summary).toEqual([]);
      expect(test.p, summary).toBeGreaterThan(MIN_P);
    });
  }
});

describe('the statistics themselves', () => {
  it('chi-square p-values match tabulated critical values', () => {
    expect(chiSquarePValue(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
    expect(chiSquarePValue(6.634896601021214, 1)).toBeCloseTo(0.01, 10);
    expect(chiSquarePValue(18.307038053275146, 10)).toBeCloseTo(0.05, 10);
    expect(chiSquarePValue(124.34211340400407, 100)).toBeCloseTo(0.05, 9);
    expect(chiSquarePValue(1, 2)).toBeCloseTo(Math.exp(-0.5), 14); // df = 2: e^{−x/2}
    expect(upperGammaRegularised(3, 0)).toBe(1);
    expect(chiSquarePValue(0, 5)).toBe(1);
  });

  it('a biased sample fails, a fair one passes, an impossible outcome fails', () => {
    const fair = new Map([
      ['0', 0.5],
      ['3', 0.5],
    ]);
    expect(chiSquareTest({ 0: 2010, 3: 1990 }, fair).p).toBeGreaterThan(0.5);
    expect(chiSquareTest({ 0: 2200, 3: 1800 }, fair).p).toBeLessThan(1e-6); // 55 % instead of 50 %
    const odd = chiSquareTest({ 0: 2000, 1: 1, 3: 1999 }, fair);
    expect(odd.impossible).toEqual(['1']);
    expect(odd.p).toBe(0);
  });

  it('small expected counts are pooled', () => {
    const exact = new Map([
      ['0', 0.997],
      ['1', 0.001],
      ['2', 0.001],
      ['3', 0.001],
    ]);
    // 4, 4, 4 expected: one pooled bin of 12, merged with nothing else → 2 bins.
    expect(chiSquareTest({ 0: 3988, 1: 4, 2: 5, 3: 3 }, exact)).toMatchObject({ bins: 2, df: 1 });
  });
});
