// Seeded random inputs for the sync tests: one seed per run (printed when a test fails,
// replayed with SYNC_TEST_SEED=<seed>), mixed with each test's name so tests do not share draws.
import { beforeEach } from 'vitest';
import { mulberry32 } from '../../../src/lib/random.ts';

export const SEED = Number(process.env.SYNC_TEST_SEED ?? Math.floor(Math.random() * 2 ** 32));

/** FNV-1a of a test's name. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

let rand = mulberry32(SEED);

/** Call once per test file: re-seeds before each test and prints the seed on failure. */
export function seedEachTest(label: string): void {
  beforeEach(({ onTestFailed, task }) => {
    rand = mulberry32(SEED ^ hash(task.name));
    onTestFailed(() => console.error(`[${label}] seed=${SEED} — rerun with SYNC_TEST_SEED=${SEED}`));
  });
}

export const random = (): number => rand();
export const randomBytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
export const randomInt = (n: number) => Math.floor(rand() * n);
