// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/lib/csp.ts';
import { FAKE_DIST_FILES, START_TIMEOUT_MS, makeTempDir, spawnServer, writeFakeDist, type ServerProcess } from './helpers.ts';

describe('static serving', () => {
  let dist: Awaited<ReturnType<typeof makeTempDir>>;
  let server: ServerProcess;
  let base: string;

  beforeAll(async () => {
    dist = await makeTempDir('jarvis-dist-');
    await writeFakeDist(dist.path);
    server = spawnServer({ JARVIS_DIST: dist.path });
    base = await server.ready;
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await server?.stop();
    await dist?.remove();
  }, 30_000);

  const get = (path: string, init?: RequestInit) => fetch(base + path, init);

  it('prints an http URL on 127.0.0.1', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.stdout().match(/Jarvis running at/g)).toHaveLength(1);
  });

  it.each(['/', '/assets/app-abc123.js', '/x.wasm', '/missing.js'])('sets isolation headers on %s', async (path) => {
    const res = await get(path);
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each(['/', '/notes', '/assets/app-abc123.js', '/x.wasm', '/missing.js'])('sends the Content-Security-Policy on %s', async (path) => {
    const res = await get(path);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('has a strict script policy: no inline script or eval, WebAssembly allowed', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name, sources] as const;
    }));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toContain("'wasm-unsafe-eval'");
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
    expect(directives.get('script-src')).not.toContain("'unsafe-eval'");
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it.each([
    ['/', 'text/html'],
    ['/assets/app-abc123.js', 'text/javascript'],
    ['/x.wasm', 'application/wasm'],
    ['/manifest.webmanifest', 'application/manifest+json'],
  ])('serves %s as %s', async (path, type) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(type);
  });

  it('caches hashed assets forever and revalidates everything else', async () => {
    expect((await get('/assets/app-abc123.js')).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/sw.js', '/manifest.webmanifest', '/x.wasm', '/models/demo/config.json', '/notes']) {
      expect((await get(path)).headers.get('cache-control'), path).toBe('no-cache');
    }
  });

  it('answers a matching ETag with 304 and keeps the headers', async () => {
    const etag = (await get('/')).headers.get('etag');
    expect(etag).toBeTruthy();
    const res = await get('/', { headers: { 'If-None-Match': etag! } });
    expect(res.status).toBe(304);
    expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('falls back to index.html for app routes', async () => {
    for (const path of ['/notes', '/sync/devices', '/assets/not-a-file']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).toBe(FAKE_DIST_FILES['index.html']);
    }
  });

  it('serves models from the build', async () => {
    const res = await get('/models/demo/config.json');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{}');
  });

  it('answers 404, not index.html, for a missing file', async () => {
    for (const path of ['/missing.js', '/assets/app-zzz999.js', '/models/demo/missing.onnx']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('/', { method: 'HEAD' })).status).toBe(200);
    const res = await get('/', { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });
});
