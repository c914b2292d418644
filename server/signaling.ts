import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export const SIGNALING_PATH = '/signal';

/** Close code 1013 "Try Again Later": the endpoint exists but does not relay yet. */
export const NOT_AVAILABLE = { code: 1013, reason: 'signaling not available yet' } as const;

export interface Signaling {
  /** Closes every open signaling connection and stops accepting new ones. */
  close(): void;
}

/**
 * Owns WebSocket upgrades on `server`: `/signal` is accepted, any other path gets 404.
 *
 * Seam for the signaling relay: it will replace `onConnection` (rooms keyed by the
 * hashed room id, relaying opaque encrypted payloads). Until then each connection is
 * closed at once with 1013, so clients can tell "no relay here" from "no server".
 */
export function attachSignaling(server: HttpServer | HttpsServer): Signaling {
  const wss = new WebSocketServer({ noServer: true });

  const onConnection = (socket: WebSocket): void => {
    socket.close(NOT_AVAILABLE.code, NOT_AVAILABLE.reason);
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const pathname = (req.url ?? '').split('?')[0];
    if (pathname !== SIGNALING_PATH) {
      socket.on('error', () => socket.destroy());
      socket.once('finish', () => socket.destroy());
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, onConnection);
  };

  server.on('upgrade', onUpgrade);

  return {
    close() {
      server.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
