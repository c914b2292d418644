// The compiled kernel and what it exports. Shared by every host (browser worker, Node):
// nothing here may import Node modules; the loaders (loadNode.ts, loadBrowser.ts) do the I/O.

/** The builds of the same source; null where this engine cannot run that build. */
export interface KernelModules {
  plain: WebAssembly.Module;
  simd: WebAssembly.Module | null;
  /** SIMD on shared memory, for helper threads (needs SharedArrayBuffer: cross-origin isolation in browsers). */
  threads: WebAssembly.Module | null;
}

/** Exports of assembly/index.ts (pointers are byte offsets into the imported memory). */
export interface KernelExports {
  apply(n: number, k: number, controlMask: number): void;
  prepare(k: number): void;
  applyPart(n: number, k: number, controlMask: number, part: number, parts: number): void;
  init(n: number): void;
  norm(n: number): number;
  probabilityOfOne(n: number, q: number): number;
  project(n: number, q: number, outcome: number, scale: number, toZero: number): void;
  MAX_TARGETS: WebAssembly.Global;
  MAX_PARTS: WebAssembly.Global;
  MATRIX_PTR: WebAssembly.Global;
  TARGETS_PTR: WebAssembly.Global;
  CONTROL_PTR: WebAssembly.Global;
  STATE_PTR: WebAssembly.Global;
}

// The smallest module that uses a v128 instruction: (func (result v128) (v128.const 0)).
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11,
]);

export function simdSupported(): boolean {
  return WebAssembly.validate(SIMD_PROBE);
}

/** Whether this context may share wasm memory between threads. */
export function threadsSupported(): boolean {
  if (typeof SharedArrayBuffer !== 'function' || (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false) return false;
  try {
    return new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer instanceof SharedArrayBuffer;
  } catch {
    return false;
  }
}

/** Compiles the builds from their bytes (kernel.wasm, kernel-simd.wasm, kernel-threads.wasm). */
export async function compileKernel(plain: BufferSource, simd: BufferSource, threads?: BufferSource): Promise<KernelModules> {
  const withSimd = simdSupported();
  return {
    plain: await WebAssembly.compile(plain),
    simd: withSimd ? await WebAssembly.compile(simd) : null,
    threads: withSimd && threads && threadsSupported() ? await WebAssembly.compile(threads) : null,
  };
}
