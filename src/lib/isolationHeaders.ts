// COOP/COEP/CORP make a page cross-origin isolated (SharedArrayBuffer, wasm threads); the CSP
// (src/lib/csp.ts) keeps injected script from running. The server sends them all; the service
// worker adds whichever is missing to cached responses (e.g. from a static host that sent none).
import { CONTENT_SECURITY_POLICY } from './csp.ts';

export const ISOLATION_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export const SECURITY_HEADERS: Record<string, string> = {
  ...ISOLATION_HEADERS,
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
};

export function withIsolationHeaders(response: Response): Response {
  if (response.type === 'opaque') return response;
  const missing = Object.entries(SECURITY_HEADERS).filter(([name]) => !response.headers.has(name));
  if (missing.length === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of missing) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
