// A complex128 statevector in the kernel's wasm memory, and the operations a simulation
// needs on it. Runs unchanged in a browser worker and in Node.

import type { UnitaryOp } from '../circuit.ts';
import type { KernelExports, KernelModules } from './kernel.ts';
import { fuseOps, DEFAULT_FUSION_QUBITS } from './fusion.ts';
import { HEADER_BYTES, maxQubits, memoryBytes, memoryPages, stateBytes, StateTooLargeError } from './memory.ts';
import { sampleIndices } from './sampling.ts';
import { ThreadTeam, type SpawnHelper } from './threads.ts';

export interface StatevectorOptions {
  /** Use the SIMD build (default: when the engine supports it). */
  simd?: boolean;
  /** Refuse states whose memory exceeds this many bytes (a device budget; default 4 GiB). */
  maxBytes?: number;
}

export interface RunOptions {
  /** Fuse ops into blocks on at most this many qubits (fusion.ts); 0 applies them one by one. */
  fusionQubits?: number;
}

export interface ThreadedOptions {
  /** Threads working on the state, this one included (2 or more to be worth it). */
  threads: number;
  /** Starts a helper thread: spawnNodeHelper (loadNode.ts) or spawnBrowserHelper (loadBrowser.ts). */
  spawn: SpawnHelper;
  maxBytes?: number;
}

/** Uniform random numbers in [0, 1). */
export type Rng = () => number;

export class Statevector {
  /** The state as re/im pairs; a view into wasm memory, valid for this object's lifetime. */
  readonly view: Float64Array;
  private readonly matrix: Float64Array;
  private readonly targets: Int32Array;
  private readonly maxTargets: number;

  private constructor(
    private readonly kernel: KernelExports,
    memory: WebAssembly.Memory,
    readonly qubits: number,
    readonly simd: boolean,
    private team: ThreadTeam | null = null,
  ) {
    const pointer = (g: WebAssembly.Global) => g.value as number;
    this.maxTargets = pointer(kernel.MAX_TARGETS);
    const matrixPtr = pointer(kernel.MATRIX_PTR);
    this.matrix = new Float64Array(memory.buffer, matrixPtr, 2 * 4 ** this.maxTargets);
    this.targets = new Int32Array(memory.buffer, pointer(kernel.TARGETS_PTR), this.maxTargets);
    if (pointer(kernel.STATE_PTR) !== HEADER_BYTES) throw new Error('kernel layout does not match memory.ts');
    this.view = new Float64Array(memory.buffer, HEADER_BYTES, 2 * 2 ** qubits);
    kernel.init(qubits);
  }

  /** An n-qubit state in |0…0⟩, or a StateTooLargeError naming the bytes it needs. */
  static create(modules: KernelModules, n: number, options: StatevectorOptions = {}): Statevector {
    const memory = allocate(n, options.maxBytes, false);
    const simd = (options.simd ?? true) && modules.simd !== null;
    const instance = new WebAssembly.Instance(simd ? modules.simd! : modules.plain, { env: { memory } });
    return new Statevector(instance.exports as unknown as KernelExports, memory, n, simd);
  }

  /**
   * Like `create`, but the state lives in shared memory and `threads` threads apply each op
   * (SIMD build). Needs `modules.threads` (SharedArrayBuffer) and a thread that may block.
   * Call `dispose()` to stop the helpers.
   */
  static async createThreaded(modules: KernelModules, n: number, options: ThreadedOptions): Promise<Statevector> {
    if (!modules.threads) throw new Error('threads need SharedArrayBuffer (a cross-origin isolated page) and wasm SIMD');
    const memory = allocate(n, options.maxBytes, true);
    const instance = new WebAssembly.Instance(modules.threads, { env: { memory } });
    const kernel = instance.exports as unknown as KernelExports;
    const team = await ThreadTeam.start(modules.threads, memory, kernel, options.threads, options.spawn);
    return new Statevector(kernel, memory, n, true, team);
  }

  /** How many threads apply ops (1 unless created with createThreaded). */
  get threads(): number {
    return this.team?.threads ?? 1;
  }

  /** Stops the helper threads, if any (the state stays usable on this thread). */
  dispose(): void {
    this.team?.stop();
    this.team = null;
  }

  /** Back to |0…0⟩. */
  reset(): void {
    this.kernel.init(this.qubits);
  }

  /** Applies one op in one pass over the state (its controls are kept, not densified). */
  apply(op: UnitaryOp): void {
    const k = op.targets.length;
    if (k < 1 || k > this.maxTargets) throw new RangeError(`${op.name}: ${k} targets; the kernel takes 1 to ${this.maxTargets}`);
    if (op.matrix.length !== 2 * 4 ** k) throw new RangeError(`${op.name}: matrix has ${op.matrix.length} numbers, expected ${2 * 4 ** k}`);
    let used = 0;
    for (const q of [...op.targets, ...op.controls]) {
      if (!Number.isInteger(q) || q < 0 || q >= this.qubits) throw new RangeError(`${op.name}: qubit ${q} is out of range 0..${this.qubits - 1}`);
      if (used & (1 << q)) throw new RangeError(`${op.name}: qubit ${q} is used twice`);
      used |= 1 << q;
    }
    let controlMask = 0;
    for (const q of op.controls) controlMask |= 1 << q;
    this.matrix.set(op.matrix);
    this.targets.set(op.targets);
    if (this.team) this.team.apply(this.qubits, k, controlMask);
    else this.kernel.apply(this.qubits, k, controlMask);
  }

  /** Applies the ops in order, fused into blocks (see fusion.ts). */
  run(ops: readonly UnitaryOp[], options: RunOptions = {}): void {
    const fusionQubits = Math.min(options.fusionQubits ?? DEFAULT_FUSION_QUBITS[this.simd ? 'simd' : 'plain'], this.maxTargets);
    for (const op of fusionQubits >= 1 ? fuseOps(ops, fusionQubits) : ops) this.apply(op);
  }

  /** A copy of the amplitudes, re/im interleaved (amplitude i at 2i, 2i+1). */
  amplitudes(): Float64Array {
    return this.view.slice();
  }

  /** Overwrites the state (length 2·2^n, re/im interleaved); the caller keeps it normalised. */
  setAmplitudes(amplitudes: ArrayLike<number>): void {
    if (amplitudes.length !== this.view.length) throw new RangeError(`expected ${this.view.length} numbers, got ${amplitudes.length}`);
    this.view.set(amplitudes);
  }

  probabilities(): Float64Array {
    const v = this.view;
    const p = new Float64Array(v.length / 2);
    for (let i = 0; i < p.length; i++) p[i] = v[2 * i] * v[2 * i] + v[2 * i + 1] * v[2 * i + 1];
    return p;
  }

  norm(): number {
    return this.kernel.norm(this.qubits);
  }

  probabilityOfOne(q: number): number {
    this.checkQubit(q);
    return this.kernel.probabilityOfOne(this.qubits, q);
  }

  /** Projects qubit q onto `outcome` and renormalises; throws if that outcome has probability 0. */
  collapse(q: number, outcome: 0 | 1): void {
    const { p1, total } = this.outcomeOdds(q);
    this.project(q, outcome, outcome ? p1 : total - p1, false);
  }

  /** Reads qubit q (at random, by the Born rule) and collapses the state to what was read. */
  measure(q: number, rng: Rng): 0 | 1 {
    const { p1, total } = this.outcomeOdds(q);
    const outcome = rng() * total < p1 ? 1 : 0;
    this.project(q, outcome, outcome ? p1 : total - p1, false);
    return outcome;
  }

  /** Resets qubit q to |0⟩ on one trajectory: reads it, then moves that branch to q = 0. */
  resetQubit(q: number, rng: Rng): 0 | 1 {
    const { p1, total } = this.outcomeOdds(q);
    const outcome = rng() * total < p1 ? 1 : 0;
    this.project(q, outcome, outcome ? p1 : total - p1, true);
    return outcome;
  }

  /** `shots` basis-state indices drawn from the Born distribution, as index → count. */
  sample(shots: number, rng: Rng): Map<number, number> {
    return sampleIndices(this.view, shots, rng);
  }

  /** P(q = 1) and the norm (≈ 1; dividing by it keeps rounding drift out of later draws). */
  private outcomeOdds(q: number): { p1: number; total: number } {
    return { p1: this.probabilityOfOne(q), total: this.norm() };
  }

  private project(q: number, outcome: 0 | 1, p: number, toZero: boolean): void {
    if (!(p > 0)) throw new RangeError(`qubit ${q} cannot read ${outcome}: that outcome has probability 0`);
    this.kernel.project(this.qubits, q, outcome, 1 / Math.sqrt(p), toZero ? 1 : 0);
  }

  private checkQubit(q: number): void {
    if (!Number.isInteger(q) || q < 0 || q >= this.qubits) throw new RangeError(`qubit ${q} is out of range 0..${this.qubits - 1}`);
  }
}

/** Memory for n qubits within the budget, or a StateTooLargeError naming the bytes needed. */
function allocate(n: number, maxBytes = Infinity, shared: boolean): WebAssembly.Memory {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`qubit count must be a whole number ≥ 0, not ${n}`);
  const most = maxQubits(maxBytes);
  if (n > most) throw new StateTooLargeError(n, stateBytes(n), most);
  const pages = memoryPages(n);
  try {
    return new WebAssembly.Memory({ initial: pages, maximum: pages, shared });
  } catch (error) {
    // The engine could not reserve the memory (it may cap below wasm32's 4 GiB).
    throw new StateTooLargeError(n, stateBytes(n), Math.min(most, n - 1), String(error));
  }
}

export { stateBytes, maxQubits, memoryBytes, StateTooLargeError };
