// Several threads on one state: helpers instantiate kernel-threads.wasm on the same shared
// memory and each applies its share of an op's groups (applyPart). The thread that owns the
// Statevector prepares the op, wakes the helpers through a control block in page 0, does its
// own share, and waits for theirs — so apply() stays synchronous. It must be allowed to block
// (Atomics.wait): a worker or Node, never a page's main thread.
//
// Helpers start from source text, so Node (worker_threads, eval) and browsers (a Blob URL
// worker) run the same code; the loaders supply the spawning.

import type { KernelExports } from './kernel.ts';

/** The helper thread's side, as plain JavaScript (a CommonJS script in Node, a worker script in browsers). */
export const HELPER_SOURCE = `
const port = typeof require === 'function' ? require('node:worker_threads').parentPort : self;
const onMessage = (listener) => port.on ? port.on('message', listener) : port.addEventListener('message', (e) => listener(e.data));
onMessage(({ module, memory, part, control }) => {
  const kernel = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const ctl = new Int32Array(memory.buffer, control, 16);
  let seen = Atomics.load(ctl, 0);
  port.postMessage('ready');
  for (;;) {
    Atomics.wait(ctl, 0, seen);
    seen = Atomics.load(ctl, 0);
    if (ctl[1] < 0) break;
    if (part < ctl[4]) kernel.applyPart(ctl[1], ctl[2], ctl[3], part, ctl[4]);
    Atomics.add(ctl, 5, 1);
    Atomics.notify(ctl, 5);
  }
});
`;

/** A started helper thread (a Node Worker or a browser Worker behind a common face). */
export interface HelperThread {
  postMessage(message: unknown): void;
  /** Resolves with the helper's first message. */
  firstMessage(): Promise<unknown>;
  terminate(): void;
}

export type SpawnHelper = (source: string) => HelperThread;

// Int32 slots of the control block.
const SEQUENCE = 0; // bumped to wake the helpers
const QUBITS = 1; // n, or -1 to stop
const TARGETS = 2;
const CONTROL_MASK = 3;
const PARTS = 4;
const DONE = 5; // helpers that finished the current op

/** Below this many qubits a pass is too short to pay for waking the helpers. */
export const MIN_THREADED_QUBITS = 16;

export class ThreadTeam {
  private readonly control: Int32Array;

  private constructor(
    private readonly kernel: KernelExports,
    memory: WebAssembly.Memory,
    private readonly helpers: HelperThread[],
  ) {
    this.control = new Int32Array(memory.buffer, kernel.CONTROL_PTR.value as number, 16);
  }

  /** Starts `threads − 1` helpers on `memory` (the caller is the last thread). */
  static async start(module: WebAssembly.Module, memory: WebAssembly.Memory, kernel: KernelExports, threads: number, spawn: SpawnHelper): Promise<ThreadTeam> {
    const most = kernel.MAX_PARTS.value as number;
    if (!Number.isInteger(threads) || threads < 1 || threads > most) throw new RangeError(`threads must be 1..${most}, not ${threads}`);
    const helpers = Array.from({ length: threads - 1 }, () => spawn(HELPER_SOURCE));
    const control = kernel.CONTROL_PTR.value as number;
    try {
      await Promise.all(
        helpers.map((helper, i) => {
          const ready = helper.firstMessage();
          helper.postMessage({ module, memory, part: i + 1, control });
          return ready;
        }),
      );
    } catch (error) {
      helpers.forEach((helper) => helper.terminate());
      throw error;
    }
    return new ThreadTeam(kernel, memory, helpers);
  }

  get threads(): number {
    return this.helpers.length + 1;
  }

  /** Applies the op already written to MATRIX_PTR / TARGETS_PTR, split across the team. */
  apply(n: number, k: number, controlMask: number): void {
    const parts = n >= MIN_THREADED_QUBITS ? this.threads : 1;
    this.kernel.prepare(k);
    if (parts === 1) {
      this.kernel.applyPart(n, k, controlMask, 0, 1);
      return;
    }
    const c = this.control;
    c[QUBITS] = n;
    c[TARGETS] = k;
    c[CONTROL_MASK] = controlMask;
    c[PARTS] = parts;
    Atomics.store(c, DONE, 0);
    Atomics.add(c, SEQUENCE, 1); // publishes the slots above (Atomics are sequentially consistent)
    Atomics.notify(c, SEQUENCE);
    this.kernel.applyPart(n, k, controlMask, 0, parts);
    for (let done = Atomics.load(c, DONE); done < this.helpers.length; done = Atomics.load(c, DONE)) {
      Atomics.wait(c, DONE, done);
    }
  }

  stop(): void {
    Atomics.store(this.control, QUBITS, -1);
    Atomics.add(this.control, SEQUENCE, 1);
    Atomics.notify(this.control, SEQUENCE);
    this.helpers.forEach((helper) => helper.terminate());
    this.helpers.length = 0;
  }
}
