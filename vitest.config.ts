import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/browser runs in Chromium: vitest.browser.config.ts (npm run test:browser);
    // test/fuzz is the 200-seed convergence fuzz: vitest.fuzz.config.ts (npm run test:fuzz)
    exclude: ['**/node_modules/**', 'test/browser/**', 'test/fuzz/**'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
