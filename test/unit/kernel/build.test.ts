// The committed kernel builds must be exactly what the sources compile to today.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { buildKernel, KERNEL_BUILD_DIR, KERNEL_BUILDS } from '../../../scripts/build-kernel.ts';

it('workers/quantum/kernel/build/*.wasm are byte-identical to a fresh build', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kernel-build-'));
  try {
    await buildKernel(dir);
    for (const { file } of KERNEL_BUILDS) {
      const fresh = await readFile(join(dir, file));
      const committed = await readFile(join(KERNEL_BUILD_DIR, file));
      expect(
        Buffer.compare(fresh, committed),
        `${file} differs from a fresh build of workers/quantum/kernel/assembly: run npx tsx scripts/build-kernel.ts`,
      ).toBe(0);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 180_000);
