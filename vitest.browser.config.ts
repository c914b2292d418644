// Vitest browser mode on Debian's Chromium: tests that need real browser APIs
// (RTCPeerConnection, MessageChannel, the wake-word worker). `npm run test:browser`.
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.ts';
import { speak, type SpeakOptions } from './scripts/lib/espeak.ts';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // automerge-repo's adapter acceptance suite imports Node's `assert`: use the npm package.
    alias: [{ find: /^assert$/, replacement: require.resolve('assert/') }],
  },
  define: {
    // the npm `util` package (under `assert`) reads these at load time
    'process.env.NODE_DEBUG': 'undefined',
  },
  // Pre-bundled up front, so Vite does not reload a test when it discovers them mid-run.
  optimizeDeps: { include: ['onnxruntime-web/wasm', 'comlink'] },
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      // test/browser/wakeWord.test.ts: espeak-ng speech made on the Node side (a base64 WAV).
      commands: {
        speakWav: (_context, text: string, options: SpeakOptions) => speak(text, options).wav.toString('base64'),
      },
      provider: playwright({
        launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
