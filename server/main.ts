// Entry point: `node --import tsx server/main.ts` (scripts/start.ts calls main() after building).
// Environment: PORT (8080), HOST (127.0.0.1), HTTPS=1, JARVIS_DIST (dist/), JARVIS_CERT_DIR (.cert/).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isEntryPoint } from './entry-point.ts';
import { startServer, type RunningServer, type ServerOptions } from './server.ts';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHUTDOWN_TIMEOUT_MS = 5000;

export function optionsFromEnv(env: NodeJS.ProcessEnv): ServerOptions {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${env.PORT}"`);
  }
  return {
    port,
    host: env.HOST || '127.0.0.1',
    distDir: resolve(env.JARVIS_DIST || join(REPO_ROOT, 'dist')),
    https: env.HTTPS === '1' ? { certDir: resolve(env.JARVIS_CERT_DIR || join(REPO_ROOT, '.cert')) } : undefined,
  };
}

/** Starts the server from the environment, prints where it runs, and stops it on SIGTERM/SIGINT. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let options: ServerOptions;
  try {
    options = optionsFromEnv(env);
  } catch (error) {
    return exitWith((error as Error).message);
  }
  if (!existsSync(join(options.distDir, 'index.html'))) {
    return exitWith(`No built app in ${options.distDir}: run \`npm run build\` first`);
  }

  let running: RunningServer;
  try {
    running = await startServer(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      return exitWith(`Port ${options.port} is already in use on ${options.host}; set PORT to another port`);
    }
    if (code === 'EACCES') {
      return exitWith(`Not allowed to listen on port ${options.port} on ${options.host}; set PORT to another port`);
    }
    return exitWith(`Could not start the server: ${(error as Error).message}`);
  }

  stopOnSignals(running); // before the ready line: whoever reads it may signal at once
  console.log(`Jarvis running at ${running.url}`);
  for (const url of running.lanUrls) console.log(`  on your network: ${url}`);
  if (options.https) {
    console.error(
      `HTTPS uses the self-signed certificate in ${options.https.certDir}: browsers warn until a device trusts it,` +
        ' and the service worker (offline use) registers only once it is trusted.',
    );
  }
}

function stopOnSignals(running: RunningServer): void {
  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(1); // a second Ctrl-C: stop waiting
    stopping = true;
    setTimeout(() => exitWith('Shutdown timed out'), SHUTDOWN_TIMEOUT_MS).unref();
    running.close().then(
      () => process.exit(0),
      (error: Error) => exitWith(`Shutdown failed: ${error.message}`),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

function exitWith(message: string): never {
  console.error(message);
  process.exit(1);
}

if (isEntryPoint(import.meta.url)) await main();
