// Node host: reads the committed builds next to this file (for `npm run qsim`, bench, tests)
// and starts helper threads with worker_threads.

import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { compileKernel, type KernelModules } from './kernel.ts';
import type { SpawnHelper } from './threads.ts';

export const KERNEL_BUILD_DIR = new URL('./build/', import.meta.url);

export async function loadKernelNode(buildDir: URL = KERNEL_BUILD_DIR): Promise<KernelModules> {
  const [plain, simd, threads] = await Promise.all(
    ['kernel.wasm', 'kernel-simd.wasm', 'kernel-threads.wasm'].map((file) => readFile(new URL(file, buildDir))),
  );
  return compileKernel(plain, simd, threads);
}

export const spawnNodeHelper: SpawnHelper = (source) => {
  const worker = new Worker(source, { eval: true });
  worker.unref(); // a forgotten dispose() must not keep the process alive
  return {
    postMessage: (message) => worker.postMessage(message),
    firstMessage: () =>
      new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      }),
    terminate: () => void worker.terminate(),
  };
};
