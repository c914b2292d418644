// The worker's entry point for the classical loops (VQE, QAOA): one request, one answer,
// errors the user can act on returned rather than thrown.

import { runQaoa, type Edge, type QaoaResult } from './qaoa.ts';
import type { StateFactory } from './state.ts';
import { runVqe, type VqeResult } from './vqe.ts';

export type OptimiserRequest =
  | { kind: 'vqe'; seed?: number }
  | { kind: 'qaoa'; nodes: number; edges: Edge[]; p: number; seed?: number };

export type OptimiserResponse =
  | { ok: true; kind: 'vqe'; result: VqeResult; milliseconds: number }
  | { ok: true; kind: 'qaoa'; result: QaoaResult; milliseconds: number }
  | { ok: false; error: { message: string } };

/** `onProgress`: fraction of the iteration budget used (the loop often converges sooner) and the best value so far. */
export function runOptimiser(
  createState: StateFactory,
  request: OptimiserRequest,
  onProgress?: (fraction: number, best: number) => void,
): OptimiserResponse {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  try {
    if (request.kind === 'vqe') return { ok: true, kind: 'vqe', result: runVqe(createState, { seed: request.seed, onProgress }), milliseconds: elapsed() };
    const result = runQaoa(createState, request.nodes, request.edges, { p: request.p, seed: request.seed, onProgress });
    return { ok: true, kind: 'qaoa', result, milliseconds: elapsed() };
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, error: { message: error.message } };
    throw error;
  }
}
