// Gate fusion: fused runs equal unfused runs, and blocks respect their qubit limit.

import { beforeAll, describe, expect, it } from 'vitest';
import type { KernelModules } from '../../../workers/quantum/kernel/kernel.ts';
import { loadKernelNode } from '../../../workers/quantum/kernel/loadNode.ts';
import { Statevector } from '../../../workers/quantum/kernel/statevector.ts';
import { fuseOps, planBlocks } from '../../../workers/quantum/kernel/fusion.ts';
import { cx, h, rx, rz, standardCircuit } from '../../../workers/quantum/kernel/benchCircuit.ts';
import { applyReference, maxDifference, mulberry32, randomOp, randomState } from './reference.ts';

let modules: KernelModules;
beforeAll(async () => {
  modules = await loadKernelNode();
});

describe('gate fusion', () => {
  it.each([1, 2, 3, 4, 5])('fused (K = %i) equals unfused on random circuits, both builds', (maxQubits) => {
    for (let seed = 1; seed <= 25; seed++) {
      const rng = mulberry32(1000 * maxQubits + seed);
      const n = 2 + Math.floor(rng() * 9);
      // Mostly 1- and 2-qubit gates (what circuits are made of), some wider ones.
      const ops = Array.from({ length: 40 }, () => randomOp(n, rng, rng() < 0.8 ? 1 : 3, rng() < 0.7 ? 1 : 2));
      const start = randomState(n, rng);
      const expected = ops.reduce(applyReference, start);
      for (const simd of [false, true]) {
        const fused = Statevector.create(modules, n, { simd });
        fused.setAmplitudes(start);
        fused.run(ops, { fusionQubits: maxQubits });
        const diff = maxDifference(fused.view, expected);
        expect(diff, `seed ${1000 * maxQubits + seed}, n ${n}, simd ${simd}`).toBeLessThan(1e-10);
      }
    }
  });

  it('keeps every block within K qubits (a wider op stays alone) and every op exactly once', () => {
    const rng = mulberry32(4242);
    const ops = Array.from({ length: 200 }, () => randomOp(9, rng, 3, 2));
    for (const maxQubits of [1, 2, 3, 4]) {
      const blocks = planBlocks(ops, maxQubits);
      for (const block of blocks) expect(block.qubits.size <= maxQubits || block.ops.length === 1).toBe(true);
      expect(blocks.flatMap((b) => b.ops).sort((a, b) => ops.indexOf(a) - ops.indexOf(b))).toEqual(ops);
    }
  });

  it('folds single-qubit gates into the neighbouring two-qubit blocks of the standard circuit', () => {
    const n = 10;
    const ops = standardCircuit(n);
    expect(ops).toHaveLength(16 * n - 5);
    // 5 layers of n − 1 CX blocks; the H layer and every RZ/RX join them.
    expect(fuseOps(ops, 2)).toHaveLength(5 * (n - 1));
    const unfused = Statevector.create(modules, n);
    unfused.run(ops, { fusionQubits: 0 });
    for (const maxQubits of [1, 2, 3, 4, 5]) {
      const fused = Statevector.create(modules, n);
      fused.run(ops, { fusionQubits: maxQubits });
      expect(maxDifference(fused.view, unfused.view), `K ${maxQubits}`).toBeLessThan(1e-10);
    }
  });

  it('does not move a gate past one that shares a qubit', () => {
    // rz(1) on 0 must stay after cx(0, 1) and before the second h(0): any reordering changes the state.
    const ops = [h(0), h(1), cx(0, 1), rz(1, 0), h(0), rx(0.5, 2), cx(1, 2), rz(0.3, 1), cx(0, 1)];
    const expected = ops.reduce(applyReference, randomState(3, mulberry32(5)));
    for (const maxQubits of [1, 2, 3]) {
      const state = Statevector.create(modules, 3);
      state.setAmplitudes(randomState(3, mulberry32(5)));
      state.run(ops, { fusionQubits: maxQubits });
      expect(maxDifference(state.view, expected), `K ${maxQubits}`).toBeLessThan(1e-12);
    }
  });
});
