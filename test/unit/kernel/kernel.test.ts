// The wasm kernel (both builds) against the dense reference in reference.ts.

import { beforeAll, describe, expect, it } from 'vitest';
import type { UnitaryOp } from '../../../workers/quantum/circuit.ts';
import type { KernelModules } from '../../../workers/quantum/kernel/kernel.ts';
import { loadKernelNode } from '../../../workers/quantum/kernel/loadNode.ts';
import { Statevector } from '../../../workers/quantum/kernel/statevector.ts';
import { cx, h } from '../../../workers/quantum/kernel/benchCircuit.ts';
import { applyReference, maxDifference, mulberry32, randomOp, randomState, randomUnitary, zeroState } from './reference.ts';

let modules: KernelModules;
beforeAll(async () => {
  modules = await loadKernelNode();
});

const BUILDS = [
  { name: 'plain', simd: false },
  { name: 'simd', simd: true },
];

describe.each(BUILDS)('kernel ($name build)', ({ simd }) => {
  it('loads the build it was asked for', () => {
    expect(modules.simd).not.toBeNull();
    expect(Statevector.create(modules, 2, { simd }).simd).toBe(simd);
  });

  it('matches the reference on random 1..4-qubit unitaries with random controls, up to 10 qubits', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rng = mulberry32(seed);
      const n = 1 + Math.floor(rng() * 10);
      const state = Statevector.create(modules, n, { simd });
      let expected = randomState(n, rng);
      state.setAmplitudes(expected);
      for (let g = 0; g < 12; g++) {
        const op = randomOp(n, rng);
        state.apply(op);
        expected = applyReference(expected, op);
        const diff = maxDifference(state.view, expected);
        expect(diff, `seed ${seed}, n ${n}, op ${g}: targets ${op.targets} controls ${op.controls}`).toBeLessThan(1e-10);
      }
    }
  });

  it('applies 5-qubit dense unitaries (the widest a fused block gets)', () => {
    const seed = 99;
    const rng = mulberry32(seed);
    const n = 8;
    const state = Statevector.create(modules, n, { simd });
    let expected = randomState(n, rng);
    state.setAmplitudes(expected);
    for (const targets of [[0, 1, 2, 3, 4], [7, 2, 5, 0, 3], [3, 4, 5, 6, 7]]) {
      const op: UnitaryOp = { kind: 'unitary', name: 'u5', params: [], targets, controls: [], matrix: randomUnitary(32, rng), line: 0 };
      state.apply(op);
      expected = applyReference(expected, op);
      expect(maxDifference(state.view, expected), `seed ${seed}, targets ${targets}`).toBeLessThan(1e-10);
    }
    const controlled: UnitaryOp = { kind: 'unitary', name: 'cu4', params: [], targets: [1, 6, 4, 2], controls: [0, 7], matrix: randomUnitary(16, rng), line: 0 };
    state.apply(controlled);
    expected = applyReference(expected, controlled);
    expect(maxDifference(state.view, expected), `seed ${seed}, controlled`).toBeLessThan(1e-10);
  });

  it('makes a Bell state and GHZ states exactly', () => {
    const bell = Statevector.create(modules, 2, { simd });
    bell.run([h(0), cx(0, 1)]);
    const s = Math.SQRT1_2;
    expect(Array.from(bell.amplitudes())).toEqual([s, 0, 0, 0, 0, 0, s, 0]);
    for (const n of [3, 5, 10]) {
      const ghz = Statevector.create(modules, n, { simd });
      ghz.run([h(0), ...Array.from({ length: n - 1 }, (_, q) => cx(q, q + 1))], { fusionQubits: 0 });
      const p = ghz.probabilities();
      expect(p[0]).toBeCloseTo(0.5, 15);
      expect(p[2 ** n - 1]).toBeCloseTo(0.5, 15);
      expect(p.reduce((sum, x) => sum + x, 0) - p[0] - p[2 ** n - 1]).toBe(0);
    }
  });

  it('starts in |0…0⟩ and keeps the norm', () => {
    const rng = mulberry32(7);
    const state = Statevector.create(modules, 6, { simd });
    expect(maxDifference(state.view, zeroState(6))).toBe(0);
    for (let g = 0; g < 20; g++) state.apply(randomOp(6, rng));
    expect(state.norm()).toBeCloseTo(1, 12);
    state.reset();
    expect(maxDifference(state.view, zeroState(6))).toBe(0);
  });

  it('refuses malformed ops with a message', () => {
    const state = Statevector.create(modules, 3, { simd });
    const op = (targets: number[], controls: number[] = [], size = 2 ** targets.length): UnitaryOp => ({
      kind: 'unitary', name: 'bad', params: [], targets, controls, matrix: new Float64Array(2 * size * size), line: 0,
    });
    expect(() => state.apply(op([3]))).toThrow(/qubit 3 is out of range 0..2/);
    expect(() => state.apply(op([1], [1]))).toThrow(/qubit 1 is used twice/);
    expect(() => state.apply(op([0], [], 4))).toThrow(/matrix has 32 numbers, expected 8/);
    expect(() => state.apply(op([]))).toThrow(/0 targets/);
  });
});
