// One Vitest test per fuzz seed, each printing how to replay it when it fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFakeClock, useRealClock } from './clock.ts';
import { runFuzz, type FuzzOptions } from './simulation.ts';

const OPS = Number(process.env.FUZZ_OPS ?? 500);
const VERBOSE = Number(process.env.FUZZ_VERBOSE ?? 0);
/** A 500-operation seed takes 14–28 s of one core here. */
const SEED_TIMEOUT_MS = 300_000;

export async function fuzz(options: FuzzOptions): Promise<void> {
  try {
    const report = await runFuzz({ verbose: VERBOSE, ...options });
    expect(report.documents).toBeGreaterThan(0);
  } catch (error) {
    console.error(
      `[convergence fuzz] seed ${options.seed} failed (${options.ops} operations) — replay with:\n` +
        `  FUZZ_SEED=${options.seed} FUZZ_OPS=${options.ops} npx vitest run test/unit/sync/convergence.test.ts`,
    );
    throw error;
  }
}

/** Registers seeds first … first + count − 1, each × `ops` operations (FUZZ_OPS, default 500). */
export function fuzzSeeds(first: number, count: number, ops = OPS): void {
  describe(`convergence fuzz: seeds ${first}–${first + count - 1} × ${ops} operations`, () => {
    beforeAll(() => useFakeClock());
    afterAll(() => useRealClock());
    for (let seed = first; seed < first + count; seed++) {
      it(`seed ${seed}`, () => fuzz({ seed, ops }), SEED_TIMEOUT_MS);
    }
  });
}
