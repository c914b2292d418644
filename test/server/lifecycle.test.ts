// @vitest-environment node
import { Agent, get } from 'node:http';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { START_TIMEOUT_MS, makeTempDir, spawnServer, writeFakeDist, type ServerProcess } from './helpers.ts';

describe('server lifecycle', () => {
  let dist: Awaited<ReturnType<typeof makeTempDir>>;
  const started: ServerProcess[] = [];
  const start = (env: Record<string, string>) => {
    const server = spawnServer({ JARVIS_DIST: dist.path, ...env });
    started.push(server);
    return server;
  };

  beforeAll(async () => {
    dist = await makeTempDir('jarvis-dist-');
    await writeFakeDist(dist.path);
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.stop()));
  }, 30_000);
  afterAll(() => dist?.remove());

  it('exits 1 with a clear message when the port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const server = start({ PORT: String(port) });
      expect(await server.exited).toEqual({ code: 1, signal: null });
      expect(server.stderr()).toContain(`Port ${port} is already in use on 127.0.0.1; set PORT to another port`);
      expect(server.stdout()).not.toContain('Jarvis running at');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  }, START_TIMEOUT_MS);

  it('exits 1 telling to build when there is no build', async () => {
    const server = start({ JARVIS_DIST: `${dist.path}/nothing-here` });
    expect(await server.exited).toEqual({ code: 1, signal: null });
    expect(server.stderr()).toContain('npm run build');
  }, START_TIMEOUT_MS);

  it('stops promptly with exit code 0 on SIGTERM despite open connections', async () => {
    const server = start({});
    const url = new URL(await server.ready);

    // An idle keep-alive connection, as a browser leaves behind.
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      get(url, { agent }, (res) => res.resume().on('end', resolve)).on('error', reject);
    });
    // And a request that never finishes sending its headers.
    const stalled: Socket = connect(Number(url.port), url.hostname);
    stalled.on('error', () => {});
    await new Promise((resolve) => stalled.once('connect', resolve));
    stalled.write('GET / HTTP/1.1\r\nHost: x\r\n');

    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    // 0 means close() finished; the server's own 5 s shutdown timeout would exit 1.
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(4000);
    agent.destroy();
    stalled.destroy();
  }, START_TIMEOUT_MS);

  it('also stops with exit code 0 on SIGINT', async () => {
    const server = start({});
    await server.ready;
    server.child.kill('SIGINT');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  }, START_TIMEOUT_MS);
});
