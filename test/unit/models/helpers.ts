// Shared pieces of the model tests: where the shared mirror is, and a throwaway HTTP server.
import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const publicModelsDir = path.join(repoRoot, 'public/models');

/** ../shared/models beside the repo (as in CI), else JARVIS_MODEL_MIRROR; fails loudly rather than skipping. */
export function sharedModelsDir(): string {
  const candidates = [path.resolve(repoRoot, '../shared/models'), process.env.JARVIS_MODEL_MIRROR];
  for (const dir of candidates) {
    if (dir && !/^https?:/i.test(dir) && existsSync(path.join(dir, 'Xenova/whisper-tiny'))) return dir;
  }
  throw new Error(
    `model tests need the shared model mirror with Xenova/whisper-tiny: looked in ${candidates.filter(Boolean).join(' and ')}`,
  );
}

export interface TestServer {
  url: string;
  close: () => Promise<void>;
}

export async function startServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<TestServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        // Stalled test responses would otherwise keep close() waiting.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Serves `root/<url path>` like a plain static mirror; 404 for anything absent. */
export function serveFolder(root: string) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const filePath = path.join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const info = await stat(filePath).catch(() => null);
    if (!filePath.startsWith(root) || !info?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-length': info.size });
    createReadStream(filePath).pipe(res);
  };
}
