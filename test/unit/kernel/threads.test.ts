// Helper threads on a shared-memory state give the same amplitudes as one thread.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KernelModules } from '../../../workers/quantum/kernel/kernel.ts';
import { loadKernelNode, spawnNodeHelper } from '../../../workers/quantum/kernel/loadNode.ts';
import { Statevector } from '../../../workers/quantum/kernel/statevector.ts';
import { MIN_THREADED_QUBITS } from '../../../workers/quantum/kernel/threads.ts';
import { standardCircuit } from '../../../workers/quantum/kernel/benchCircuit.ts';
import { maxDifference, mulberry32, randomOp, randomState } from './reference.ts';

let modules: KernelModules;
const teams: Statevector[] = [];
beforeAll(async () => {
  modules = await loadKernelNode();
});
afterAll(() => teams.forEach((state) => state.dispose()));

describe('threads', () => {
  it('are available in Node', () => {
    expect(modules.threads).not.toBeNull();
  });

  it.each([MIN_THREADED_QUBITS - 2, MIN_THREADED_QUBITS, MIN_THREADED_QUBITS + 1])('match one thread on random ops (n = %i)', async (n) => {
    const seed = 300 + n;
    const rng = mulberry32(seed);
    const threaded = await Statevector.createThreaded(modules, n, { threads: 3, spawn: spawnNodeHelper });
    teams.push(threaded);
    expect(threaded.threads).toBe(3);
    const single = Statevector.create(modules, n, { simd: true });
    const start = randomState(n, rng);
    threaded.setAmplitudes(start);
    single.setAmplitudes(start);
    for (let g = 0; g < 12; g++) {
      const op = randomOp(n, rng, g % 3 === 2 ? 5 : 2, 2);
      threaded.apply(op);
      single.apply(op);
    }
    expect(maxDifference(threaded.view, single.view), `seed ${seed}`).toBe(0);
  });

  it('run the standard circuit fused, and stop on dispose', async () => {
    const n = MIN_THREADED_QUBITS + 2;
    const threaded = await Statevector.createThreaded(modules, n, { threads: 2, spawn: spawnNodeHelper });
    const single = Statevector.create(modules, n, { simd: true });
    threaded.run(standardCircuit(n));
    single.run(standardCircuit(n));
    expect(maxDifference(threaded.view, single.view)).toBe(0);
    threaded.dispose();
    expect(threaded.threads).toBe(1);
    threaded.reset();
    threaded.run(standardCircuit(n)); // still usable on this thread alone
    expect(maxDifference(threaded.view, single.view)).toBe(0);
  });

  it('refuses a team larger than the kernel has scratch for', async () => {
    await expect(Statevector.createThreaded(modules, 4, { threads: 9, spawn: spawnNodeHelper })).rejects.toThrow(/threads must be 1..8, not 9/);
  });
});
