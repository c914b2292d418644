// The classical loops: Nelder–Mead on its own, VQE for H2 and QAOA MaxCut on the kernel.
import { describe, expect, it } from 'vitest';
import { nelderMead } from '../../../workers/quantum/templates/optimise.ts';
import { H2_GROUND_ENERGY, runVqe } from '../../../workers/quantum/templates/vqe.ts';
import { randomGraph, runQaoa, type Edge } from '../../../workers/quantum/templates/qaoa.ts';
import { runOptimiser } from '../../../workers/quantum/templates/optimisers.ts';
import { parseQasm } from '../../../workers/quantum/qasm/index.ts';
import { stateFactory } from './kernel.ts';

describe('Nelder–Mead', () => {
  it('finds the minimum of the Rosenbrock function', () => {
    const rosenbrock = ([x, y]: number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
    const result = nelderMead(rosenbrock, [-1.2, 1], { tolerance: 1e-14, maxIterations: 5000 });
    expect(result.x[0]).toBeCloseTo(1, 4);
    expect(result.x[1]).toBeCloseTo(1, 4);
    // The best value never gets worse.
    for (let i = 1; i < result.history.length; i++) expect(result.history[i]).toBeLessThanOrEqual(result.history[i - 1]);
  });

  it('stops at maxIterations', () => {
    expect(nelderMead(([x]) => x * x, [5], { maxIterations: 3 }).iterations).toBe(3);
  });
});

describe('VQE for H2 at 0.735 Å', () => {
  for (const seed of [1, 2, 3]) {
    it(`reaches ${H2_GROUND_ENERGY} within 1e-3 (seed ${seed})`, async () => {
      const result = runVqe(await stateFactory(), { seed });
      expect(Math.abs(result.energy - H2_GROUND_ENERGY), `seed ${seed}: energy ${result.energy}`).toBeLessThan(1e-3);
      expect(result.energy, `seed ${seed}: variational bound`).toBeGreaterThanOrEqual(H2_GROUND_ENERGY - 1e-9);
      expect(result.history.at(-1)).toBe(result.energy);
      expect(parseQasm(result.qasm).qubits).toBe(2);
    });
  }
});

describe('QAOA MaxCut', () => {
  const graphs: [string, number, Edge[]][] = [
    ['triangle', 3, [[0, 1], [1, 2], [0, 2]]],
    ['4-cycle', 4, [[0, 1], [1, 2], [2, 3], [3, 0]]],
    ['random 8-node graph (seed 7)', 8, randomGraph(8, 0.4, 7)],
  ];
  for (const [name, nodes, edges] of graphs) {
    it(`${name}, p = 2: the most likely cut is the best by brute force`, async () => {
      const seed = 11;
      const result = runQaoa(await stateFactory(), nodes, edges, { p: 2, seed });
      const what = `seed ${seed}: ${JSON.stringify(result)}`;
      expect(result.cut, what).toBe(result.bestCut);
      // ⟨C⟩ beats the random-guess average |E|/2 (p = 2 stays well below the best cut on the 8-node graph).
      expect(result.expectation, what).toBeGreaterThan(0.55 * edges.length);
      expect(result.history.at(-1)! - result.history[0], what).toBeGreaterThanOrEqual(0);
      expect(parseQasm(result.qasm).qubits).toBe(nodes);
    });
  }

  it('brute force knows the 4-cycle cuts all 4 edges', async () => {
    const result = runQaoa(await stateFactory(), 4, [[0, 1], [1, 2], [2, 3], [3, 0]], { p: 1, seed: 3 });
    expect(result.bestCut).toBe(4);
    expect(['0101', '1010']).toContain(result.bestBitstring);
  });

  it('refuses bad graphs', async () => {
    const factory = await stateFactory();
    expect(() => runQaoa(factory, 13, [[0, 1]], { p: 1 })).toThrow(/2 to 12 nodes/);
    expect(() => runQaoa(factory, 3, [[0, 3]], { p: 1 })).toThrow(/edge 0–3/);
    expect(() => runQaoa(factory, 3, [[0, 1]], { p: 4 })).toThrow(/p must be 1 to 3/);
  });
});

describe('runOptimiser (the worker entry)', () => {
  it('answers VQE and a 12-node QAOA, and returns bad graphs as messages', async () => {
    const factory = await stateFactory();
    const vqe = runOptimiser(factory, { kind: 'vqe', seed: 5 });
    expect(vqe.ok && vqe.kind === 'vqe' && Math.abs(vqe.result.energy - H2_GROUND_ENERGY) < 1e-3, 'seed 5').toBe(true);
    const edges = randomGraph(12, 0.3, 12);
    const qaoa = runOptimiser(factory, { kind: 'qaoa', nodes: 12, edges, p: 1, seed: 12 });
    expect(qaoa.ok && qaoa.kind === 'qaoa' && qaoa.result.cut <= qaoa.result.bestCut && qaoa.result.expectation > edges.length / 2, 'seed 12').toBe(true);
    expect(runOptimiser(factory, { kind: 'qaoa', nodes: 3, edges: [], p: 1 })).toEqual({ ok: false, error: { message: 'QAOA: the graph needs at least one edge' } });
  });
});

describe('progress of the long loops', () => {
  it('reports a growing fraction of the budget and the best value so far', async () => {
    const factory = await stateFactory();
    const seen: [number, number][] = [];
    const vqe = runOptimiser(factory, { kind: 'vqe', seed: 5 }, (fraction, best) => seen.push([fraction, best]));
    expect(vqe.ok).toBe(true);
    expect(seen.length).toBeGreaterThan(10);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i][0]).toBeGreaterThan(seen[i - 1][0]);
      expect(seen[i][1]).toBeLessThanOrEqual(seen[i - 1][1]); // energies only go down
    }
    expect(seen.at(-1)![0]).toBeLessThanOrEqual(1);

    const cuts: [number, number][] = [];
    runOptimiser(factory, { kind: 'qaoa', nodes: 5, edges: randomGraph(5, 0.6, 3), p: 1, seed: 3 }, (fraction, best) => cuts.push([fraction, best]));
    expect(cuts.length).toBeGreaterThan(10);
    for (let i = 1; i < cuts.length; i++) expect(cuts[i][0]).toBeGreaterThanOrEqual(cuts[i - 1][0]);
    expect(cuts.at(-1)![0]).toBeLessThanOrEqual(1);
  });
});
