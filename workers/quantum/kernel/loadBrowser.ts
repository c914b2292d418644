// Browser (worker) host: fetches the builds as assets and starts helper threads as Blob URL
// workers. `new URL(…, import.meta.url)` is the pattern Vite turns into hashed asset URLs.

import { compileKernel, simdSupported, threadsSupported, type KernelModules } from './kernel.ts';
import type { SpawnHelper } from './threads.ts';

export const KERNEL_URLS = {
  plain: new URL('./build/kernel.wasm', import.meta.url),
  simd: new URL('./build/kernel-simd.wasm', import.meta.url),
  threads: new URL('./build/kernel-threads.wasm', import.meta.url),
};

export async function loadKernelBrowser(urls: Record<keyof typeof KERNEL_URLS, URL | string> = KERNEL_URLS): Promise<KernelModules> {
  const bytes = async (url: URL | string) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`could not load the simulator kernel ${url}: HTTP ${response.status}`);
    return response.arrayBuffer();
  };
  // Skip downloads of builds that could not run here anyway.
  const none = async () => new ArrayBuffer(0);
  const [plain, simd, threads] = await Promise.all([
    bytes(urls.plain),
    simdSupported() ? bytes(urls.simd) : none(),
    simdSupported() && threadsSupported() ? bytes(urls.threads) : none(),
  ]);
  return compileKernel(plain, simd, threads.byteLength ? threads : undefined);
}

export const spawnBrowserHelper: SpawnHelper = (source) => {
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new Worker(url);
  return {
    postMessage: (message) => worker.postMessage(message),
    firstMessage: () =>
      new Promise((resolve, reject) => {
        worker.addEventListener('message', (event) => resolve(event.data), { once: true });
        worker.addEventListener('error', (event) => reject(new Error(event.message)), { once: true });
      }),
    terminate: () => {
      worker.terminate();
      URL.revokeObjectURL(url);
    },
  };
};
