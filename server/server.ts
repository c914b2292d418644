import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { loadOrCreateCertificate, lanIPv4Addresses } from './https.ts';
import { attachSignaling } from './signaling.ts';
import { createStaticHandler } from './static.ts';

export interface ServerOptions {
  /** Directory of the built app (index.html, assets/, sw.js, models/ ...). */
  distDir: string;
  port: number;
  host: string;
  /** Serve HTTPS with a cached self-signed certificate from `certDir`. */
  https?: { certDir: string };
}

export interface RunningServer {
  server: HttpServer | HttpsServer;
  /** Where this machine's browser reaches the app. */
  url: string;
  /** Where other devices on the LAN reach it (only when listening on all interfaces). */
  lanUrls: string[];
  /** Stops accepting, drops WebSocket and idle keep-alive connections, resolves when closed. */
  close(): Promise<void>;
}

/** Starts the static app + signaling server; rejects with the listen error (e.g. EADDRINUSE). */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const handler = createStaticHandler(options.distDir);
  const server = options.https
    ? createHttpsServer(await loadOrCreateCertificate({ dir: options.https.certDir }), handler)
    : createHttpServer(handler);
  const signaling = attachSignaling(server);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const { port } = server.address() as AddressInfo;
  const scheme = options.https ? 'https' : 'http';
  const listensEverywhere = options.host === '0.0.0.0' || options.host === '::';
  const localHost = listensEverywhere ? '127.0.0.1' : options.host;

  return {
    server,
    url: urlOf(scheme, localHost, port),
    lanUrls: listensEverywhere ? lanIPv4Addresses().map((ip) => urlOf(scheme, ip, port)) : [],
    close() {
      return new Promise<void>((resolve, reject) => {
        signaling.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections(); // keep-alive sockets would otherwise hold close() open
      });
    },
  };
}

function urlOf(scheme: string, host: string, port: number): string {
  const hostPart = host.includes(':') ? `[${host}]` : host; // IPv6 literal
  return `${scheme}://${hostPart}:${port}`;
}
