// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { START_TIMEOUT_MS, makeTempDir, spawnServer, writeFakeDist, type ServerProcess } from './helpers.ts';

/** Connects and reports how the connection ended: a close frame, or a refused upgrade. */
function connect(url: string): Promise<{ closeCode?: number; reason?: string; refused?: string }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    socket.once('close', (code, reason) => resolve({ closeCode: code, reason: reason.toString() }));
    socket.once('unexpected-response', (_req, res) => {
      resolve({ refused: `HTTP ${res.statusCode}` });
      socket.terminate();
    });
    socket.once('error', (error) => resolve({ refused: error.message }));
  });
}

describe('signaling endpoint', () => {
  let dist: Awaited<ReturnType<typeof makeTempDir>>;
  let server: ServerProcess;
  let wsBase: string;

  beforeAll(async () => {
    dist = await makeTempDir('jarvis-dist-');
    await writeFakeDist(dist.path);
    server = spawnServer({ JARVIS_DIST: dist.path });
    wsBase = (await server.ready).replace(/^http/, 'ws');
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await server?.stop();
    await dist?.remove();
  }, 30_000);

  it('accepts /signal and closes with 1013 until the relay exists', async () => {
    expect(await connect(`${wsBase}/signal`)).toEqual({ closeCode: 1013, reason: 'signaling not available yet' });
    expect(await connect(`${wsBase}/signal?room=abc`)).toMatchObject({ closeCode: 1013 });
  });

  it('refuses WebSocket upgrades on any other path', async () => {
    for (const path of ['/other', '/', '/signal/x']) {
      expect(await connect(wsBase + path), path).toEqual({ refused: 'HTTP 404' });
    }
  });

  it('keeps serving HTTP after refused upgrades', async () => {
    const res = await fetch(wsBase.replace(/^ws/, 'http') + '/');
    expect(res.status).toBe(200);
  });
});
