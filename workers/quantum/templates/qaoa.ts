// QAOA for MaxCut: p layers of e^{−iγC} (an rzz per edge) and e^{−iβB} (rx on every node)
// after H on all. ⟨C⟩ is read from the statevector's probabilities; Nelder–Mead maximises it
// over (γ1…γp, β1…βp) from a few seeded starts. Node i is qubit i (rightmost bit).

import { seededRandom } from '../engine/random.ts';
import { nelderMead } from './optimise.ts';
import { prepare, type StateFactory } from './state.ts';

export type Edge = readonly [number, number];

export const QAOA_MAX_NODES = 12;
export const QAOA_MAX_LAYERS = 3;

export interface QaoaOptions {
  /** Layers, 1..3. */
  p: number;
  seed?: number;
  /** Nelder–Mead runs from different seeded starts; the best is kept. */
  starts?: number;
  maxIterations?: number;
  /** Fraction of the iteration budget used (all starts), and the best expected cut so far. */
  onProgress?: (fraction: number, best: number) => void;
}

export interface QaoaResult {
  /** The most probable bitstring (node 0 rightmost), its cut value and probability. */
  bitstring: string;
  cut: number;
  probability: number;
  /** The best cut over all 2^n assignments, and one bitstring that reaches it. */
  bestCut: number;
  bestBitstring: string;
  /** ⟨C⟩ at the optimum found, and the best ⟨C⟩ after each iteration of the winning run. */
  expectation: number;
  history: number[];
  gammas: number[];
  betas: number[];
  seed: number;
  qasm: string;
}

export function checkGraph(nodes: number, edges: readonly Edge[]): void {
  if (!Number.isInteger(nodes) || nodes < 2 || nodes > QAOA_MAX_NODES) throw new RangeError(`QAOA: 2 to ${QAOA_MAX_NODES} nodes, not ${nodes}`);
  if (edges.length === 0) throw new RangeError('QAOA: the graph needs at least one edge');
  for (const [a, b] of edges) {
    const inRange = (v: number) => Number.isInteger(v) && v >= 0 && v < nodes;
    if (!inRange(a) || !inRange(b) || a === b) throw new RangeError(`QAOA: edge ${a}–${b} must join two different nodes 0..${nodes - 1}`);
  }
}

/** The cut value of every assignment (index bit i = side of node i). */
export function cutValues(nodes: number, edges: readonly Edge[]): Uint8Array {
  const cuts = new Uint8Array(2 ** nodes);
  for (let x = 0; x < cuts.length; x++) for (const [a, b] of edges) cuts[x] += ((x >> a) ^ (x >> b)) & 1;
  return cuts;
}

export function qaoaCircuit(nodes: number, edges: readonly Edge[], gammas: readonly number[], betas: readonly number[], measure = false): string {
  const lines = ['OPENQASM 2.0;', 'include "qelib1.inc";', `qreg q[${nodes}];`];
  if (measure) lines.push(`creg c[${nodes}];`);
  for (let q = 0; q < nodes; q++) lines.push(`h q[${q}];`);
  gammas.forEach((gamma, layer) => {
    // C = Σ (1 − Z_a Z_b)/2, so e^{−iγC} = rzz(−γ) per edge up to a global phase.
    for (const [a, b] of edges) lines.push(`rzz(${-gamma}) q[${a}], q[${b}];`);
    for (let q = 0; q < nodes; q++) lines.push(`rx(${2 * betas[layer]}) q[${q}];`);
  });
  if (measure) for (let q = 0; q < nodes; q++) lines.push(`measure q[${q}] -> c[${q}];`);
  return [...lines, ''].join('\n');
}

const bits = (x: number, nodes: number) => x.toString(2).padStart(nodes, '0');

export function runQaoa(createState: StateFactory, nodes: number, edges: readonly Edge[], options: QaoaOptions): QaoaResult {
  checkGraph(nodes, edges);
  const { p, seed = 1, starts = 3, maxIterations = 400 } = options;
  if (!Number.isInteger(p) || p < 1 || p > QAOA_MAX_LAYERS) throw new RangeError(`QAOA: p must be 1 to ${QAOA_MAX_LAYERS}, not ${p}`);
  const cuts = cutValues(nodes, edges);
  const state = createState(nodes);
  const expectation = (angles: number[]) => {
    prepare(state, qaoaCircuit(nodes, edges, angles.slice(0, p), angles.slice(p)));
    const probabilities = state.probabilities();
    let sum = 0;
    for (let x = 0; x < cuts.length; x++) sum += probabilities[x] * cuts[x];
    return sum;
  };

  const random = seededRandom(seed);
  let best: { x: number[]; value: number; history: number[] } | null = null;
  for (let s = 0; s < starts; s++) {
    // γ in (0, π), β in (0, π/2): one period of each up to symmetry.
    const start = [...Array.from({ length: p }, () => random() * Math.PI), ...Array.from({ length: p }, () => (random() * Math.PI) / 2)];
    const onIteration = options.onProgress && ((i: number, value: number) => options.onProgress!((s + i / maxIterations) / starts, -Math.min(value, best?.value ?? Infinity)));
    const run = nelderMead((x) => -expectation(x), start, { step: 0.3, tolerance: 1e-8, maxIterations, onIteration });
    if (!best || run.value < best.value) best = run;
  }
  const { x } = best!;
  const gammas = x.slice(0, p);
  const betas = x.slice(p);
  prepare(state, qaoaCircuit(nodes, edges, gammas, betas));
  const probabilities = state.probabilities();
  let likely = 0;
  for (let i = 1; i < probabilities.length; i++) if (probabilities[i] > probabilities[likely]) likely = i;
  let optimum = 0;
  for (let i = 1; i < cuts.length; i++) if (cuts[i] > cuts[optimum]) optimum = i;
  return {
    bitstring: bits(likely, nodes),
    cut: cuts[likely],
    probability: probabilities[likely],
    bestCut: cuts[optimum],
    bestBitstring: bits(optimum, nodes),
    expectation: -best!.value,
    history: best!.history.map((v) => -v),
    gammas,
    betas,
    seed,
    qasm: qaoaCircuit(nodes, edges, gammas, betas, true),
  };
}

/** A seeded random graph: each pair joined with probability `density` (for tests and demos). */
export function randomGraph(nodes: number, density: number, seed: number): Edge[] {
  const random = seededRandom(seed);
  const edges: Edge[] = [];
  for (let a = 0; a < nodes; a++) for (let b = a + 1; b < nodes; b++) if (random() < density) edges.push([a, b]);
  return edges;
}
