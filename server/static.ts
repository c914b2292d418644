import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';
import { CONTENT_SECURITY_POLICY } from '../src/lib/csp.ts';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Headers on every response: cross-origin isolation (SharedArrayBuffer, wasm threads), the CSP and no sniffing. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

// A last path segment with a dot names a file: when it is missing the answer is 404,
// never the SPA's index.html (which would hide broken asset links).
const LOOKS_LIKE_A_FILE = /\/[^/]*\.[^/]*$/;

/** Vite puts content-hashed files (a new name per content) under /assets/; only those may be cached forever. */
export function cacheControlFor(pathname: string): string {
  return pathname.startsWith('/assets/') && LOOKS_LIKE_A_FILE.test(pathname) ? IMMUTABLE : REVALIDATE;
}

/**
 * Serves the built app from `distDir` with the SPA fallback to index.html.
 * The directory is indexed once at start: restart the server after a rebuild.
 */
export function createStaticHandler(distDir: string): RequestHandler {
  const serve = sirv(distDir, {
    single: true,
    etag: true,
    ignores: [LOOKS_LIKE_A_FILE],
    onNoMatch(_req, res) {
      res.statusCode = 404;
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('Not found');
    },
  });

  return (req, res) => {
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed');
      return;
    }
    // Set before sirv runs so 304 answers carry it too; sirv keeps headers already set.
    const pathname = (req.url ?? '/').split('?')[0];
    res.setHeader('Cache-Control', cacheControlFor(pathname));
    serve(req, res);
  };
}
