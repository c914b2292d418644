// Measurement trajectories (probabilityOfOne, collapse, measure, reset), sampling, and the
// memory check.

import { beforeAll, describe, expect, it } from 'vitest';
import type { KernelModules } from '../../../workers/quantum/kernel/kernel.ts';
import { loadKernelNode } from '../../../workers/quantum/kernel/loadNode.ts';
import { Statevector, StateTooLargeError, maxQubits, stateBytes } from '../../../workers/quantum/kernel/statevector.ts';
import { cx, h, rx } from '../../../workers/quantum/kernel/benchCircuit.ts';
import { maxDifference, mulberry32, randomState } from './reference.ts';

let modules: KernelModules;
beforeAll(async () => {
  modules = await loadKernelNode();
});

/** Σ over indices with bit q = bit of |a_i|². */
function branchProbability(state: Float64Array, q: number, bit: number): number {
  let p = 0;
  for (let i = 0; i < state.length / 2; i++) if (((i >> q) & 1) === bit) p += state[2 * i] ** 2 + state[2 * i + 1] ** 2;
  return p;
}

describe.each([false, true])('measurement (simd %s)', (simd) => {
  it('probabilityOfOne and collapse match the projected, renormalised state', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const rng = mulberry32(seed);
      const n = 1 + Math.floor(rng() * 8);
      const start = randomState(n, rng);
      const q = Math.floor(rng() * n);
      const outcome = rng() < 0.5 ? 0 : 1;
      const state = Statevector.create(modules, n, { simd });
      state.setAmplitudes(start);
      expect(state.probabilityOfOne(q), `seed ${seed}`).toBeCloseTo(branchProbability(start, q, 1), 13);
      state.collapse(q, outcome);
      const p = branchProbability(start, q, outcome);
      const expected = start.map((x, i) => (((i >> 1) >> q) & 1) === outcome ? x / Math.sqrt(p) : 0);
      expect(maxDifference(state.view, expected), `seed ${seed}, qubit ${q} → ${outcome}`).toBeLessThan(1e-12);
      expect(state.norm()).toBeCloseTo(1, 13);
    }
  });

  it('measuring one half of a Bell pair fixes the other', () => {
    const state = Statevector.create(modules, 2, { simd });
    const rng = mulberry32(3);
    const seen = new Set<number>();
    for (let shot = 0; shot < 20; shot++) {
      state.reset();
      state.run([h(0), cx(0, 1)]);
      const first = state.measure(0, rng);
      seen.add(first);
      expect(state.probabilityOfOne(1)).toBe(first);
    }
    expect(seen).toEqual(new Set([0, 1]));
  });

  it('resetQubit leaves the qubit in |0⟩ and the rest of the branch that was read', () => {
    const rng = mulberry32(11);
    const start = randomState(4, rng);
    for (const draw of [0.01, 0.99]) {
      const state = Statevector.create(modules, 4, { simd });
      state.setAmplitudes(start);
      const p1 = branchProbability(start, 2, 1);
      const outcome = state.resetQubit(2, () => draw);
      expect(outcome).toBe(draw * 1 < p1 ? 1 : 0);
      expect(state.probabilityOfOne(2)).toBe(0);
      const p = outcome ? p1 : 1 - p1;
      // Amplitude of i (bit 2 clear) is the old amplitude of i with bit 2 = outcome, renormalised.
      const expected = new Float64Array(start.length);
      for (let i = 0; i < 16; i++) {
        if ((i >> 2) & 1) continue;
        const from = outcome ? i | 4 : i;
        expected[2 * i] = start[2 * from] / Math.sqrt(p);
        expected[2 * i + 1] = start[2 * from + 1] / Math.sqrt(p);
      }
      expect(maxDifference(state.view, expected), `draw ${draw}`).toBeLessThan(1e-12);
    }
  });

  it('refuses to collapse onto an outcome of probability 0', () => {
    const state = Statevector.create(modules, 2, { simd });
    expect(() => state.collapse(1, 1)).toThrow(/qubit 1 cannot read 1: that outcome has probability 0/);
  });

  it('samples shots from the Born distribution (seeded, chi-square)', () => {
    const state = Statevector.create(modules, 3, { simd });
    state.run([rx(1.1, 0), h(1), rx(2.5, 2), cx(1, 2)]);
    const p = state.probabilities();
    const shots = 20000;
    const counts = state.sample(shots, mulberry32(2024));
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(shots);
    let chi2 = 0;
    p.forEach((pi, i) => {
      if (pi > 0) chi2 += ((counts.get(i) ?? 0) - shots * pi) ** 2 / (shots * pi);
      else expect(counts.has(i)).toBe(false);
    });
    expect(chi2, 'seed 2024').toBeLessThan(24.3); // 7 degrees of freedom, p = 0.001
    // Same seed, same counts.
    expect(state.sample(shots, mulberry32(2024))).toEqual(counts);
  });
});

describe('memory check', () => {
  it('sizes states as 16·2^n bytes and fits at most 27 qubits in wasm32', () => {
    expect(stateBytes(30)).toBe(17179869184);
    expect(maxQubits()).toBe(27);
    expect(maxQubits(1 << 30)).toBe(25); // 1 GiB budget: 2^25 · 16 = 512 MiB plus the header fits, 2^26 · 16 does not
  });

  it('refuses a state that does not fit, naming the bytes it needs', () => {
    expect(() => Statevector.create(modules, 30)).toThrow(StateTooLargeError);
    expect(() => Statevector.create(modules, 30)).toThrow(
      '30 qubits need 17,179,869,184 bytes; the most this device can simulate is 27 qubits (2,147,483,648 bytes)',
    );
    expect(() => Statevector.create(modules, 21, { maxBytes: 16 * 2 ** 20 })).toThrow(
      '21 qubits need 33,554,432 bytes; the most this device can simulate is 19 qubits (8,388,608 bytes)',
    );
  });
});
