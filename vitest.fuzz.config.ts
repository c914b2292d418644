import { defineConfig } from 'vitest/config';

// One chunk of the convergence fuzz (test/fuzz/seeds.test.ts); `npm run test:fuzz`
// (scripts/fuzz.ts) runs it once per chunk of seeds.
export default defineConfig({
  test: {
    include: ['test/fuzz/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 60_000,
    // One line per seed as it finishes, with its time.
    reporters: ['verbose'],
  },
});
