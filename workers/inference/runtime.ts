// transformers.js configured for this app's worker: onnxruntime-web's wasm from our own
// origin (never a CDN, so it works offline), models only from /models (the verified copies
// modelStore.ts put in Cache Storage), threads when the page is cross-origin isolated.
import { env } from '@huggingface/transformers';
// The plain SIMD-threaded build: same results as the asyncify default, half the size
// (NOTES-platform.md). Both files are needed, or threads hang and the wasm is not cached.
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import ortMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';

export type Device = 'webgpu' | 'wasm';

/** Where the app serves its models; transformers.js needs a root-relative path here. */
export const MODELS_PATH = '/models/';

let configured = false;

export function configureRuntime(): void {
  if (configured) return;
  configured = true;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = MODELS_PATH;
  env.useBrowserCache = true;
  const wasm = env.backends.onnx.wasm;
  if (wasm) {
    wasm.wasmPaths = { wasm: ortWasmUrl, mjs: ortMjsUrl };
    // Defaults to 1 on a 2-core machine; threads need SharedArrayBuffer (isolation).
    wasm.numThreads = self.crossOriginIsolated ? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1)) : 1;
  }
}

/** WebGPU when the browser offers an adapter, else WASM. */
export async function pickDevice(): Promise<Device> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return 'wasm';
  try {
    return (await gpu.requestAdapter()) ? 'webgpu' : 'wasm';
  } catch {
    return 'wasm';
  }
}
