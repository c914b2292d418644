// States worked out by hand: Bell states, GHZ(n), the QFT of a basis state, and Grover's success
// probability — through the parser, the kernel (both builds) and runCircuit (SPEC §9's result).
import { describe, expect, it } from 'vitest';
import { runCircuit } from '../../../workers/quantum/engine/run.ts';
import { parseQasm } from '../../../workers/quantum/qasm/index.ts';
import { distanceUpToPhase } from '../qasm/dense.ts';
import { BUILDS, kernelState, statevector, unitaryOps } from './simulate.ts';

const TOLERANCE = 1e-10;
const program = (n: number, body: string[]) => ['OPENQASM 2.0;', 'include "qelib1.inc";', `qreg q[${n}];`, ...body].join('\n');

/** A state vector (re/im interleaved) from [index, re, im] entries, zero elsewhere. */
function sparse(n: number, entries: [number, number, number][]): Float64Array {
  const out = new Float64Array(2 * 2 ** n);
  for (const [i, re, im] of entries) [out[2 * i], out[2 * i + 1]] = [re, im];
  return out;
}

async function expectState(source: string, n: number, expected: Float64Array, what: string) {
  const ops = unitaryOps(parseQasm(source));
  for (const build of BUILDS) {
    expect(distanceUpToPhase(expected, await kernelState(ops, n, build.simd)), `${what} (${build.name} build)`).toBeLessThan(TOLERANCE);
  }
}

async function probabilities(source: string, simd = true): Promise<number[]> {
  const circuit = parseQasm(source);
  return runCircuit(circuit, await statevector(circuit.qubits, simd)).probabilities!;
}

describe('Bell states', () => {
  const r = Math.SQRT1_2;
  const cases: [string, string[], [number, number, number][]][] = [
    ['Φ+ = (|00⟩ + |11⟩)/√2', [], [[0, r, 0], [3, r, 0]]],
    ['Φ− = (|00⟩ − |11⟩)/√2', ['z q[0];'], [[0, r, 0], [3, -r, 0]]],
    ['Ψ+ = (|01⟩ + |10⟩)/√2', ['x q[1];'], [[1, r, 0], [2, r, 0]]],
    ['Ψ− = (|01⟩ − |10⟩)/√2', ['x q[1];', 'z q[0];'], [[1, -r, 0], [2, r, 0]]],
  ];
  for (const [name, prepare, amplitudes] of cases) {
    it(name, async () => {
      // Prepare on the inputs, then H on q0 and CX q0 → q1 (q0 is bit 0 of the index).
      const source = program(2, [...prepare.filter((g) => g.startsWith('x')), 'h q[0];', ...prepare.filter((g) => g.startsWith('z')), 'cx q[0], q[1];']);
      await expectState(source, 2, sparse(2, amplitudes), name);
    });
  }

  it('telling Φ+ from Φ− needs the relative phase: the check is not blind to it', async () => {
    const ops = unitaryOps(parseQasm(program(2, ['h q[0];', 'cx q[0], q[1];'])));
    const r = Math.SQRT1_2;
    expect(distanceUpToPhase(sparse(2, [[0, r, 0], [3, -r, 0]]), await kernelState(ops, 2, true))).toBeGreaterThan(1);
  });
});

describe('GHZ(n) = (|0…0⟩ + |1…1⟩)/√2', () => {
  const ghz = (n: number) => program(n, ['h q[0];', ...Array.from({ length: n - 1 }, (_, i) => `cx q[${i}], q[${i + 1}];`)]);

  for (const n of [2, 3, 5, 8, 13]) {
    it(`n = ${n}: amplitudes and probabilities`, async () => {
      const all = 2 ** n - 1;
      await expectState(ghz(n), n, sparse(n, [[0, Math.SQRT1_2, 0], [all, Math.SQRT1_2, 0]]), `GHZ(${n})`);
      const p = await probabilities(ghz(n));
      expect(p).toHaveLength(2 ** n);
      p.forEach((value, i) => expect(value, `p[${i}]`).toBeCloseTo(i === 0 || i === all ? 0.5 : 0, 12));
    });
  }

  it('n = 20: "top" holds the two outcomes, 0 first on a tie', async () => {
    const circuit = parseQasm(ghz(20));
    const result = runCircuit(circuit, await statevector(20, true));
    expect(result.probabilities).toBeUndefined();
    expect(result.top!.map(([i]) => i)).toEqual([0, 2 ** 20 - 1]);
    for (const [, p] of result.top!) expect(p).toBeCloseTo(0.5, 12);
  });
});

describe('QFT of a basis state |x⟩', () => {
  /**
   * The textbook QFT on q[0..n−1], most significant qubit first: H, then controlled phases
   * π/2^d from each less significant qubit at distance d; optionally the final swaps that
   * reverse the qubit order.
   */
  function qft(n: number, x: number, swaps: boolean): string {
    const body: string[] = [];
    for (let q = 0; q < n; q++) if ((x >> q) & 1) body.push(`x q[${q}];`);
    for (let j = n - 1; j >= 0; j--) {
      body.push(`h q[${j}];`);
      for (let k = j - 1; k >= 0; k--) body.push(`cp(pi/${2 ** (j - k)}) q[${k}], q[${j}];`);
    }
    if (swaps) for (let i = 0; i < n / 2 - 0.5; i++) body.push(`swap q[${i}], q[${n - 1 - i}];`);
    return program(n, body);
  }

  const reverse = (k: number, n: number) => parseInt(k.toString(2).padStart(n, '0').split('').reverse().join(''), 2);

  /** Amplitude e^{2πi·x·k/2^n}/√2^n at k (or at the bit-reversed k without the swaps). */
  function expected(n: number, x: number, swaps: boolean): Float64Array {
    const size = 2 ** n;
    const out = new Float64Array(2 * size);
    for (let k = 0; k < size; k++) {
      const angle = (2 * Math.PI * ((x * k) % size)) / size;
      const at = swaps ? k : reverse(k, n);
      [out[2 * at], out[2 * at + 1]] = [Math.cos(angle) / Math.sqrt(size), Math.sin(angle) / Math.sqrt(size)];
    }
    return out;
  }

  for (const [n, xs] of [
    [3, [0, 1, 5, 6]],
    [5, [1, 19, 31]],
    [8, [1, 77, 200, 255]],
  ] as const) {
    for (const x of xs) {
      it(`n = ${n}, x = ${x}: e^{2πi·x·k/2^n}/√2^n, with the final swaps and (bit-reversed) without`, async () => {
        await expectState(qft(n, x, true), n, expected(n, x, true), `QFT(${n}) |${x}⟩ with swaps`);
        await expectState(qft(n, x, false), n, expected(n, x, false), `QFT(${n}) |${x}⟩ without swaps`);
        for (const p of await probabilities(qft(n, x, true))) expect(p).toBeCloseTo(1 / 2 ** n, 12);
      });
    }
  }

  it('the check tells x from a neighbour (and from the bit-reversed order)', async () => {
    const ours = await kernelState(unitaryOps(parseQasm(qft(5, 19, true))), 5, true);
    expect(distanceUpToPhase(expected(5, 18, true), ours)).toBeGreaterThan(0.01);
    expect(distanceUpToPhase(expected(5, 19, false), ours)).toBeGreaterThan(0.01);
  });
});

describe("Grover's search, one marked item", () => {
  /** Z on all n qubits: H·(n−1)-controlled X·H on the last (ccx, c3x, c4x for n = 3, 4, 5). */
  const controlledZ = (n: number) => {
    const mcx = { 3: 'ccx', 4: 'c3x', 5: 'c4x' }[n]!;
    const qubits = Array.from({ length: n }, (_, q) => `q[${q}]`).join(', ');
    return [`h q[${n - 1}];`, `${mcx} ${qubits};`, `h q[${n - 1}];`];
  };

  function grover(n: number, marked: number, iterations: number): string {
    const all = (gate: string) => Array.from({ length: n }, (_, q) => `${gate} q[${q}];`);
    const flipZeros = Array.from({ length: n }, (_, q) => q).filter((q) => !((marked >> q) & 1)).map((q) => `x q[${q}];`);
    const body = all('h');
    for (let i = 0; i < iterations; i++) {
      body.push(...flipZeros, ...controlledZ(n), ...flipZeros); // oracle: −1 on |marked⟩
      body.push(...all('h'), ...all('x'), ...controlledZ(n), ...all('x'), ...all('h')); // diffusion
    }
    return program(n, body);
  }

  for (const n of [3, 4, 5]) {
    const size = 2 ** n;
    const iterations = Math.floor((Math.PI / 4) * Math.sqrt(size));
    const success = Math.sin((2 * iterations + 1) * Math.asin(1 / Math.sqrt(size))) ** 2;
    it(`n = ${n}: ${iterations} iterations find each marked item with p = sin²((2k+1)·asin(1/√N)) = ${success.toFixed(6)}`, async () => {
      for (const build of BUILDS) {
        for (let marked = 0; marked < size; marked++) {
          const p = await probabilities(grover(n, marked, iterations), build.simd);
          p.forEach((value, i) => expect(value, `${build.name}, marked ${marked}, p[${i}]`).toBeCloseTo(i === marked ? success : (1 - success) / (size - 1), 10));
        }
      }
    });
  }

  it('one iteration too many is noticed (the formula is not just "high")', async () => {
    const p = await probabilities(grover(4, 9, 4));
    expect(Math.abs(p[9] - Math.sin(7 * Math.asin(0.25)) ** 2)).toBeGreaterThan(0.1);
    expect(p[9]).toBeCloseTo(Math.sin(9 * Math.asin(0.25)) ** 2, 10);
  });
});
