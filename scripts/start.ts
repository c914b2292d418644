// `npm start`: build the app when its sources are newer than the build, then serve it.
// Downloads nothing. JARVIS_DIST set means "serve that prebuilt directory": no build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isEntryPoint } from '../server/entry-point.ts';
import { main as startServer } from '../server/main.ts';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What the build is made from; a change to any of them makes the build stale. */
export const BUILD_INPUTS = [
  'src',
  'workers',
  'public',
  'index.html',
  'vite.config.ts',
  'svelte.config.js',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];

/** True when dist/index.html is missing or older than any build input under `root`. */
export function needsBuild(root: string): boolean {
  const builtAt = mtimeOf(join(root, 'dist', 'index.html'));
  if (builtAt === null) return true;
  return BUILD_INPUTS.some((input) => newestMtime(join(root, input)) > builtAt);
}

/** The newest modification time of a file, or of any file below a directory; -Infinity if absent. */
export function newestMtime(path: string): number {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return -Infinity;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs; // a deleted file shows only as its directory's change
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function mtimeOf(path: string): number | null {
  return existsSync(path) ? statSync(path).mtimeMs : null;
}

function build(root: string): void {
  console.error('Sources changed since the last build: running vite build…');
  // The local vite binary, never an npx download.
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    const why = result.error?.message ?? (result.signal ? `killed by ${result.signal}` : `exit code ${result.status}`);
    console.error(`vite build failed (${why})`);
    process.exit(1);
  }
}

if (isEntryPoint(import.meta.url)) {
  if (!process.env.JARVIS_DIST && needsBuild(REPO_ROOT)) build(REPO_ROOT);
  await startServer();
}
