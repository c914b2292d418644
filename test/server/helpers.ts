import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Generous: tsx start-up plus certificate generation on a busy 2-core machine. */
export const START_TIMEOUT_MS = 45_000;

export const FAKE_DIST_FILES: Record<string, string> = {
  'index.html': '<!doctype html><title>Jarvis</title><div id="app"></div>',
  'assets/app-abc123.js': 'console.log("app");',
  'sw.js': 'self.addEventListener("install", () => {});',
  'manifest.webmanifest': '{"name":"Jarvis"}',
  'x.wasm': '\0asm\x01\0\0\0',
  'models/demo/config.json': '{}',
};

/** A temporary directory; `remove()` deletes it. */
export async function makeTempDir(prefix: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export async function writeFakeDist(dir: string): Promise<void> {
  for (const [name, content] of Object.entries(FAKE_DIST_FILES)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), content);
  }
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited. */
  exited: Promise<Exit>;
  /** Resolves with the URL from "Jarvis running at <url>"; rejects if the process exits first. */
  ready: Promise<string>;
  /** Sends SIGTERM (if still running; SIGKILL if it hangs) and waits for the exit. */
  stop(): Promise<Exit>;
}

/** Spawns the real server (`node --import tsx server/main.ts`) with `env` added to ours. */
export function spawnServer(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => (err += chunk));

  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });

  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      const match = /^Jarvis running at (\S+)$/m.exec(out);
      if (match) resolve(match[1]);
    });
    void exited.then((exit) => reject(new Error(`server exited (${exit.code ?? exit.signal}) before ready: ${err}`)));
  });
  ready.catch(() => {}); // tests that expect an early exit never await it

  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    ready,
    stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref(); // never leave a stray server behind
      }
      return exited;
    },
  };
}
