// The app under test for every area: built once per bench run into a private directory,
// served by the project's own server (COOP/COEP headers) on a free port of 127.0.0.1.
//
// Why a private build directory rather than dist/: other sessions rebuild dist/ while the
// bench runs, and the server indexes its directory once at start, so a concurrent rebuild
// would break pages mid-run. A build takes ~3 s here, so the bench always builds.
// JARVIS_DIST=DIR skips the build and serves DIR instead (as `npm start` does).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { startServer, type RunningServer } from '../../../server/server.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, launchChromium } from '../../chromium.ts';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface Profile {
  context: BrowserContext;
  /** Closes the browser and deletes the profile directory. */
  close(): Promise<void>;
}

export interface BenchApp {
  /** e.g. http://127.0.0.1:40123 (no trailing slash). */
  url: string;
  /** One shared headless Chromium for off-the-record contexts (storage kept in memory). */
  browser(): Promise<Browser>;
  /**
   * A fresh Chromium profile on disk (its own browser process): IndexedDB lives on disk as
   * for a real user, which off-the-record contexts do not do. `dir` reopens an existing one.
   */
  profile(dir?: string): Promise<Profile & { dir: string }>;
  close(): Promise<void>;
}

export async function startApp(log: (message: string) => void): Promise<BenchApp> {
  const distDir = process.env.JARVIS_DIST ? resolve(process.env.JARVIS_DIST) : build(log);
  if (!existsSync(join(distDir, 'index.html'))) throw new Error(`no index.html in ${distDir}`);
  const server: RunningServer = await startServer({ distDir, port: 0, host: '127.0.0.1' });
  log(`serving ${distDir} at ${server.url}`);

  let browser: Promise<Browser> | null = null;
  const profiles = new Set<Profile>();

  return {
    url: server.url,
    browser: () => (browser ??= launchChromium()),
    async profile(dir?: string) {
      const ownDir = dir ?? mkdtempSync(join(tmpdir(), 'jarvis-bench-profile-'));
      const context = await chromium.launchPersistentContext(ownDir, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
        serviceWorkers: 'allow',
      });
      const profile = {
        context,
        dir: ownDir,
        async close() {
          profiles.delete(profile);
          await context.close().catch(() => undefined);
          // Only the directory this call created; a reopened one belongs to its creator.
          if (!dir) rmSync(ownDir, { recursive: true, force: true });
        },
      };
      profiles.add(profile);
      return profile;
    },
    async close() {
      for (const profile of [...profiles]) await profile.close();
      if (browser) await (await browser).close().catch(() => undefined);
      await server.close();
      if (!process.env.JARVIS_DIST) rmSync(distDir, { recursive: true, force: true });
    },
  };
}

function build(log: (message: string) => void): string {
  const outDir = mkdtempSync(join(tmpdir(), 'jarvis-bench-dist-'));
  log(`building the app into ${outDir} (vite build)…`);
  const started = performance.now();
  // The local vite binary (never an npx download); its output goes to stderr, not stdout.
  const vite = join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0) {
    rmSync(outDir, { recursive: true, force: true });
    const why = result.error?.message ?? (result.signal ? `killed by ${result.signal}` : `exit code ${result.status}`);
    throw new Error(`vite build failed (${why})`);
  }
  log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return outDir;
}
