// Gate fusion: consecutive unitary ops are grouped into blocks acting on at most K qubits
// (targets ∪ controls) and multiplied into one dense 2^K matrix, so the state is passed
// over once per block instead of once per gate.
//
// Placement keeps every qubit's ops in program order: an op joins the last block that
// touches any of its qubits, or a later block (disjoint from it, so they commute), when the
// union stays within K; otherwise it opens a new block at the end. Single-qubit ops are held
// back until the next op on their qubit and join its block (they commute with everything
// in between), so they never cost a pass of their own.

import type { UnitaryOp } from '../circuit.ts';

/**
 * Block size (K) chosen by measurement on the standard benchmark circuit at n = 20 and 24
 * (benchCircuit.ts). Passes are compute-bound in wasm (no FMA), so a dense 2^K block costs
 * ~2^K complex multiply-adds per amplitude: the SIMD build gains most from K = 2 (about 2×
 * faster than K = 1 or 3), the plain build from K = 1 (merging runs of single-qubit gates).
 */
export const DEFAULT_FUSION_QUBITS = { simd: 2, plain: 1 } as const;

/** How many of the latest blocks an op may join when none of them touches its qubits. */
const LOOK_BACK = 32;

export interface Block {
  qubits: Set<number>;
  ops: UnitaryOp[];
}

/**
 * The ops regrouped into blocks of at most `maxQubits` qubits, each multiplied into one
 * dense op (a block of one op is kept as is, controls and all). `maxQubits` = 1 only merges
 * runs of single-qubit gates on the same qubit.
 */
export function fuseOps(ops: readonly UnitaryOp[], maxQubits: number): UnitaryOp[] {
  return planBlocks(ops, maxQubits).map((block) => (block.ops.length === 1 ? block.ops[0] : blockOp(block)));
}

export function planBlocks(ops: readonly UnitaryOp[], maxQubits: number): Block[] {
  const blocks: Block[] = [];
  const lastBlockOf = new Map<number, number>(); // qubit → index of the last block touching it
  const heldBack = new Map<number, UnitaryOp[]>(); // qubit → single-qubit ops not placed yet

  const place = (ops: UnitaryOp[], qubits: number[]) => {
    let first = 0; // ops may not move before the last block touching their qubits
    for (const q of qubits) first = Math.max(first, lastBlockOf.get(q) ?? 0);
    let chosen = -1;
    if (qubits.length <= maxQubits) {
      // The last block touching these qubits, else one of the most recent blocks (a bounded
      // look-back keeps planning linear in the circuit's length).
      const fits = (b: number) => b < blocks.length && unionSize(blocks[b].qubits, qubits) <= maxQubits;
      if (fits(first)) chosen = first;
      for (let b = Math.max(first + 1, blocks.length - LOOK_BACK); b < blocks.length && chosen < 0; b++) {
        if (fits(b)) chosen = b;
      }
    }
    if (chosen < 0) {
      chosen = blocks.length;
      blocks.push({ qubits: new Set(), ops: [] });
    }
    for (const q of qubits) {
      blocks[chosen].qubits.add(q);
      lastBlockOf.set(q, chosen);
    }
    blocks[chosen].ops.push(...ops);
  };
  const releaseAlone = (q: number) => {
    for (const op of heldBack.get(q) ?? []) place([op], [q]);
    heldBack.delete(q);
  };

  for (const op of ops) {
    const qubits = [...op.targets, ...op.controls];
    if (qubits.length === 1) {
      const held = heldBack.get(qubits[0]);
      if (held) held.push(op);
      else heldBack.set(qubits[0], [op]);
    } else if (qubits.length > maxQubits) {
      qubits.forEach(releaseAlone);
      place([op], qubits);
    } else {
      const before = qubits.flatMap((q) => heldBack.get(q) ?? []);
      qubits.forEach((q) => heldBack.delete(q));
      place([...before, op], qubits);
    }
  }
  [...heldBack.keys()].forEach(releaseAlone);
  return blocks;
}

function unionSize(set: Set<number>, qubits: number[]): number {
  let size = set.size;
  for (const q of qubits) if (!set.has(q)) size++;
  return size;
}

/** One dense op equal to the block's ops applied in order. */
function blockOp(block: Block): UnitaryOp {
  const qubits = [...block.qubits].sort((a, b) => a - b);
  const dim = 2 ** qubits.length;
  const matrix = new Float64Array(2 * dim * dim);
  for (let i = 0; i < dim; i++) matrix[2 * (i * dim + i)] = 1;
  const column = new Float64Array(2 * dim);
  for (const op of block.ops) {
    const local = (q: number) => qubits.indexOf(q);
    const targets = op.targets.map(local);
    const controls = op.controls.map(local);
    // G·M column by column: each column is a small state on the block's qubits.
    for (let c = 0; c < dim; c++) {
      for (let r = 0; r < dim; r++) {
        column[2 * r] = matrix[2 * (r * dim + c)];
        column[2 * r + 1] = matrix[2 * (r * dim + c) + 1];
      }
      applyToVector(column, targets, controls, op.matrix);
      for (let r = 0; r < dim; r++) {
        matrix[2 * (r * dim + c)] = column[2 * r];
        matrix[2 * (r * dim + c) + 1] = column[2 * r + 1];
      }
    }
  }
  return { kind: 'unitary', name: 'fused', params: [], targets: qubits, controls: [], matrix, line: block.ops[0].line };
}

/** Applies a controlled dense gate to a small complex vector (re/im interleaved), in place. */
function applyToVector(vector: Float64Array, targets: number[], controls: number[], gate: Float64Array): void {
  const size = vector.length / 2;
  const k = targets.length;
  const sub = 2 ** k;
  let controlMask = 0;
  for (const q of controls) controlMask |= 1 << q;
  let targetMask = 0;
  for (const q of targets) targetMask |= 1 << q;
  const offsets = Array.from({ length: sub }, (_, j) => targets.reduce((o, q, b) => ((j >> b) & 1 ? o | (1 << q) : o), 0));
  const re = new Float64Array(sub);
  const im = new Float64Array(sub);
  for (let base = 0; base < size; base++) {
    if (base & targetMask || (base & controlMask) !== controlMask) continue;
    for (let j = 0; j < sub; j++) {
      re[j] = vector[2 * (base | offsets[j])];
      im[j] = vector[2 * (base | offsets[j]) + 1];
    }
    for (let r = 0; r < sub; r++) {
      let sr = 0;
      let si = 0;
      for (let c = 0; c < sub; c++) {
        const mr = gate[2 * (r * sub + c)];
        const mi = gate[2 * (r * sub + c) + 1];
        sr += mr * re[c] - mi * im[c];
        si += mr * im[c] + mi * re[c];
      }
      vector[2 * (base | offsets[r])] = sr;
      vector[2 * (base | offsets[r]) + 1] = si;
    }
  }
}
