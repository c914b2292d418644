// Runs a circuit to SPEC §9's result, the same in the quantum worker and in `npm run qsim`:
// probabilities (or the top 64 for n > 16), and with shots the counts. Circuits whose
// outcome depends on mid-circuit measurements are sampled one trajectory per shot.

import type { Circuit, MeasureOp, Op, ResetOp, UnitaryOp } from '../circuit.ts';
import { analyseCircuit } from './analyse.ts';
import { randomSeed, sampleIndices, seededRandom } from './random.ts';

/** What the engine needs from a statevector simulator (workers/quantum/kernel). */
export interface Simulator {
  readonly qubits: number;
  /** Applies the ops in order (the simulator may fuse them). */
  run(ops: UnitaryOp[]): void;
  probabilities(): Float64Array;
  probabilityOfOne(qubit: number): number;
  /** Projects `qubit` onto `outcome` and renormalises. */
  collapse(qubit: number, outcome: 0 | 1): void;
  /** Back to |0…0⟩. */
  reset(): void;
}

export interface RunOptions {
  shots?: number;
  seed?: number;
  /** Called with the fraction done (0..1) as the run goes: per slice of gates, or per shot. */
  onProgress?: (fraction: number) => void;
}

/** Gates are applied in this many slices so a long run can report progress (fusion works per slice). */
const PROGRESS_SLICES = 50;

export interface RunResult {
  qubits: number;
  probabilities?: number[];
  /** [index, p] for the 64 largest p > 0, p descending then index ascending (n > 16). */
  top?: [number, number][];
  /** Decimal index → count, zeros left out. */
  counts?: Record<string, number>;
}

export const FULL_PROBABILITIES_MAX_QUBITS = 16;
export const TOP_K = 64;

/** A circuit that needs --shots (its outcome depends on mid-circuit measurements). */
export class NeedsShotsError extends Error {
  override name = 'NeedsShotsError';
  constructor(
    readonly line: number,
    what: string,
  ) {
    super(`${what} makes the result depend on measurement outcomes: it needs --shots N (one sampled trajectory per shot)`);
  }
}

export function runCircuit(circuit: Circuit, simulator: Simulator, options: RunOptions = {}): RunResult {
  const shape = analyseCircuit(circuit);
  const random = seededRandom(options.seed ?? randomSeed());
  const shots = options.shots ?? 0;
  if (shape.needsTrajectories) {
    if (shots <= 0) throw new NeedsShotsError(shape.reason!.line, shape.reason!.what);
    return { qubits: circuit.qubits, counts: runTrajectories(circuit, simulator, shots, random, options.onProgress) };
  }

  // Terminal measurements do not change the state the probabilities describe (SPEC §9).
  simulator.reset();
  const gates = circuit.ops.filter((op): op is UnitaryOp => op.kind === 'unitary');
  if (options.onProgress) {
    const slice = Math.max(1, Math.ceil(gates.length / PROGRESS_SLICES));
    for (let start = 0; start < gates.length; start += slice) {
      simulator.run(gates.slice(start, start + slice));
      options.onProgress(Math.min(1, (start + slice) / gates.length));
    }
  } else simulator.run(gates);
  const probabilities = simulator.probabilities();
  const result: RunResult = { qubits: circuit.qubits };
  if (circuit.qubits <= FULL_PROBABILITIES_MAX_QUBITS) result.probabilities = Array.from(probabilities);
  else result.top = topProbabilities(probabilities, TOP_K);
  if (shots > 0) {
    const measures = circuit.ops.filter((op): op is MeasureOp => op.kind === 'measure');
    const indices = sampleIndices(probabilities, shots, random);
    result.counts = shape.measures ? countClassical(indices, measures, circuit.clbits) : countIndices(indices);
  }
  return result;
}

/** A probability below this is rounding noise on an amplitude that is 0 (|a| < 1e-12): not "p > 0". */
export const NOISE_PROBABILITY = 1e-24;

/**
 * p rounded to 40 significant bits (Veltkamp split, ~1e-12 relative): outcomes whose
 * probabilities are equal but for rounding noise tie, so ties go by index as SPEC §9 says.
 */
export function roundProbability(p: number): number {
  const t = p * 8193; // 2^13 + 1: keeps 53 − 13 bits
  return t - (t - p);
}

/** The k largest p (rounded as above) above the noise, p descending, ties by index ascending. */
export function topProbabilities(probabilities: Float64Array, k: number): [number, number][] {
  const top: [number, number][] = [];
  for (let i = 0; i < probabilities.length; i++) {
    const p = roundProbability(probabilities[i]);
    if (p < NOISE_PROBABILITY || (top.length === k && p <= top[k - 1][1])) continue;
    let at = top.length;
    while (at > 0 && top[at - 1][1] < p) at--; // equal p keeps index order
    top.splice(at, 0, [i, p]);
    if (top.length > k) top.pop();
  }
  return top;
}

function countIndices(indices: Uint32Array): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const index of indices) counts[index] = (counts[index] ?? 0) + 1;
  return sortedCounts(counts);
}

/** Classical register value of each shot: clbit c = the measured qubit's bit in the sampled index. */
function countClassical(indices: Uint32Array, measures: MeasureOp[], clbits: number): Record<string, number> {
  const counts: Record<string, number> = {};
  const bits = new Uint8Array(clbits);
  for (const index of indices) {
    bits.fill(0);
    for (const { qubit, clbit } of measures) bits[clbit] = (index >>> qubit) & 1;
    const key = bitsToDecimal(bits);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return sortedCounts(counts);
}

function runTrajectories(
  circuit: Circuit,
  simulator: Simulator,
  shots: number,
  random: () => number,
  onProgress?: (fraction: number) => void,
): Record<string, number> {
  const counts: Record<string, number> = {};
  const clbits = new Uint8Array(circuit.clbits);
  const measures = circuit.ops.some((op) => op.kind === 'measure' || (op.kind === 'if' && op.op.kind === 'measure'));
  for (let shot = 0; shot < shots; shot++) {
    simulator.reset();
    clbits.fill(0);
    let pending: UnitaryOp[] = [];
    const flush = () => {
      if (pending.length) simulator.run(pending);
      pending = [];
    };
    const step = (op: Op): void => {
      if (op.kind === 'unitary') pending.push(op);
      else if (op.kind === 'if') {
        if (registerValue(clbits, op.creg.offset, op.creg.size) === op.value) step(op.op);
      } else {
        flush();
        const outcome = measureQubit(simulator, op, random);
        if (op.kind === 'measure') clbits[op.clbit] = outcome;
        else if (outcome === 1) simulator.run([pauliX(op)]);
      }
    };
    for (const op of circuit.ops) step(op);
    flush();
    const key = measures ? bitsToDecimal(clbits) : String(sampleIndices(simulator.probabilities(), 1, random)[0]);
    counts[key] = (counts[key] ?? 0) + 1;
    if (onProgress && (shot + 1) % Math.max(1, Math.floor(shots / PROGRESS_SLICES)) === 0) onProgress((shot + 1) / shots);
  }
  return sortedCounts(counts);
}

function measureQubit(simulator: Simulator, op: MeasureOp | ResetOp, random: () => number): 0 | 1 {
  const outcome = random() < simulator.probabilityOfOne(op.qubit) ? 1 : 0;
  simulator.collapse(op.qubit, outcome);
  return outcome;
}

function pauliX(op: ResetOp): UnitaryOp {
  return { kind: 'unitary', name: 'x', params: [], targets: [op.qubit], controls: [], matrix: new Float64Array([0, 0, 1, 0, 1, 0, 0, 0]), line: op.line };
}

function registerValue(bits: Uint8Array, offset: number, size: number): number {
  let value = 0;
  for (let i = size - 1; i >= 0; i--) value = value * 2 + bits[offset + i];
  return value;
}

/** Bit k of the result is bits[k]; BigInt keeps registers wider than 53 bits exact. */
function bitsToDecimal(bits: Uint8Array): string {
  let value = 0n;
  for (let i = bits.length - 1; i >= 0; i--) value = (value << 1n) | BigInt(bits[i]);
  return value.toString();
}

/** Keys in numeric order, so the JSON reads naturally. */
function sortedCounts(counts: Record<string, number>): Record<string, number> {
  const keys = Object.keys(counts).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
  return Object.fromEntries(keys.map((key) => [key, counts[key]]));
}
