import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { CONTENT_SECURITY_POLICY } from './src/lib/csp.ts';

// COOP/COEP make the page cross-origin isolated (SharedArrayBuffer, wasm threads).
// The production server sets the same headers (server/static.ts).
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
// The same CSP as production (src/lib/csp.ts); Vite's dev client is a module script from
// this origin and its HMR socket is same-origin ws:, both allowed by the policy.
const securityHeaders = { ...isolationHeaders, 'Content-Security-Policy': CONTENT_SECURITY_POLICY };

export default defineConfig({
  plugins: [
    svelte(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'Jarvis',
        short_name: 'Jarvis',
        description: 'A personal assistant that lives on your own devices.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#0f1720',
        theme_color: '#1b6ef3',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        // The shell only: heavy runtime files (inference wasm, models) are cached at first use.
        globPatterns: ['**/*.{js,mjs,css,html,svg,png,webmanifest,wasm}'],
        globIgnores: ['models/**', '**/ort-*.wasm', '**/ort-*.mjs'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    // WebAssembly stays a file, never a data: URL: the quantum kernel fetch()es its .wasm, and
    // the CSP's connect-src does not allow data: (src/lib/csp.ts). As files they are precached too.
    assetsInlineLimit: (file) => (file.endsWith('.wasm') ? false : undefined),
  },
  server: { headers: securityHeaders },
  preview: { headers: securityHeaders },
});
