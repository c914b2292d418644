// Compiles the statevector kernel (workers/quantum/kernel/assembly) into its two committed
// builds: build/kernel.wasm (plain), build/kernel-simd.wasm, and build/kernel-threads.wasm
// (SIMD on a shared memory, for helper threads working on one state). Deterministic: the same
// sources and compiler give the same bytes (a unit test checks the committed files).
//
//   npx tsx scripts/build-kernel.ts [OUT_DIR]

import asc from 'assemblyscript/asc';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const KERNEL_DIR = fileURLToPath(new URL('../workers/quantum/kernel/', import.meta.url));
export const KERNEL_BUILD_DIR = join(KERNEL_DIR, 'build');

const COMMON_FLAGS = [
  'assembly/index.ts',
  '--optimizeLevel', '3',
  '--shrinkLevel', '0',
  '--noAssert',
  '--runtime', 'stub', // no allocation or GC: the kernel only reads and writes the state
  '--importMemory', // the host sizes the memory for n qubits (and may share it later)
  '--noExportMemory',
  '--baseDir', KERNEL_DIR,
];

export const KERNEL_BUILDS = [
  { file: 'kernel.wasm', flags: [] as string[] },
  { file: 'kernel-simd.wasm', flags: ['--enable', 'simd'] },
  // A shared memory must declare its maximum: all of wasm32's 65536 pages (the host sizes it).
  { file: 'kernel-threads.wasm', flags: ['--enable', 'simd', '--enable', 'threads', '--sharedMemory', '--maximumMemory', '65536'] },
];

/** Compiles one build in memory and returns its bytes. */
export async function compileBuild(flags: string[]): Promise<Uint8Array> {
  let binary: Uint8Array | null = null;
  const errors: string[] = [];
  const { error } = await asc.main([...COMMON_FLAGS, ...flags, '--outFile', 'out.wasm'], {
    writeFile: (name, contents) => {
      if (name.endsWith('out.wasm') && typeof contents !== 'string') binary = contents;
    },
    stderr: { write: (chunk: string | Uint8Array) => errors.push(String(chunk)) } as never,
  });
  if (error || !binary) throw new Error(`kernel build failed: ${error?.message ?? 'no output'}\n${errors.join('')}`);
  return binary;
}

/** Writes every build into `outDir` and returns their paths. */
export async function buildKernel(outDir: string = KERNEL_BUILD_DIR): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const build of KERNEL_BUILDS) {
    const path = join(outDir, build.file);
    await writeFile(path, await compileBuild(build.flags));
    written.push(path);
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const paths = await buildKernel(process.argv[2]);
  for (const path of paths) console.log(`wrote ${path}`);
}
