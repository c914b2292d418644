import { defineConfig } from 'vitest/config';

// `npm run test:fuzz`: the convergence fuzz, 200 seeds × 500 operations in two files, one
// worker per core (Vitest would use cores − 1 = one here). About 25 minutes on 2 cores.
export default defineConfig({
  test: {
    include: ['test/fuzz/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    maxWorkers: 2,
    // One line per seed as it finishes (with its time), so a long CI log shows progress.
    reporters: ['verbose'],
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
