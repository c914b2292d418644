// `npm run test:fuzz`: the convergence fuzz as CI runs it — 200 seeds × 500 operations
// (SPEC §8), in chunks of a few seeds per Vitest process, two processes at a time (one per
// core). Exits non-zero when a seed fails, after printing that chunk's output (which names
// the seed and how to replay it).
//
// Why chunks: in one long process each seed after the fifth or so ran slower and slower
// (2–3× by the tenth; the heal and save→load phases, while the JS heap stayed ~100 MB and
// Automerge's wasm memory kept growing), so 100 seeds in one process took over an hour. A
// fresh process per chunk keeps every seed near its first-seed time (~15 s here).
//
//   FUZZ_SEEDS=200 FUZZ_FIRST_SEED=1 FUZZ_OPS=500 FUZZ_CHUNK=5 FUZZ_JOBS=2 npm run test:fuzz
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const env = process.env;
const SEEDS = Number(env.FUZZ_SEEDS ?? 200);
const FIRST = Number(env.FUZZ_FIRST_SEED ?? 1);
const OPS = Number(env.FUZZ_OPS ?? 500);
const CHUNK = Math.max(1, Number(env.FUZZ_CHUNK ?? 5));
const JOBS = Math.max(1, Number(env.FUZZ_JOBS ?? 2));
for (const [name, value] of Object.entries({ FUZZ_SEEDS: SEEDS, FUZZ_FIRST_SEED: FIRST, FUZZ_OPS: OPS, FUZZ_CHUNK: CHUNK, FUZZ_JOBS: JOBS })) {
  if (!Number.isInteger(value) || value < 0) {
    console.error(`${name} must be a whole number ≥ 0 (got ${env[name]})`);
    process.exit(2);
  }
}
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VITEST = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));

interface Chunk {
  first: number;
  count: number;
}

const chunks: Chunk[] = [];
for (let first = FIRST; first < FIRST + SEEDS; first += CHUNK) chunks.push({ first, count: Math.min(CHUNK, FIRST + SEEDS - first) });

/** Runs one chunk in its own Vitest process; resolves with its exit code and output. */
function run({ first, count }: Chunk): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [VITEST, 'run', '--config', 'vitest.fuzz.config.ts'], {
      cwd: ROOT,
      env: { ...env, FUZZ_FIRST_SEED: String(first), FUZZ_SEEDS: String(count), FUZZ_OPS: String(OPS), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (data: Buffer) => (output += data.toString()));
    child.stderr.on('data', (data: Buffer) => (output += data.toString()));
    // eslint-disable-next-line no-control-regex -- colour codes, in case a reporter ignores NO_COLOR
    child.on('close', (code) => resolve({ code: code ?? 1, output: output.replace(/\x1b\[[0-9;]*m/g, '') }));
  });
}

const started = performance.now();
const minutes = () => ((performance.now() - started) / 60_000).toFixed(1);
const failed: Chunk[] = [];
let next = 0;
console.log(`convergence fuzz: seeds ${FIRST}–${FIRST + SEEDS - 1} × ${OPS} operations, ${chunks.length} chunks of ${CHUNK}, ${JOBS} at a time`);

async function worker(): Promise<void> {
  while (next < chunks.length) {
    const chunk = chunks[next++];
    const { code, output } = await run(chunk);
    const times = [...output.matchAll(/> seed (\d+)\s+(\d+)ms/g)].map(([, seed, ms]) => `${seed}: ${(Number(ms) / 1000).toFixed(0)} s`);
    const label = `seeds ${chunk.first}–${chunk.first + chunk.count - 1}`;
    if (code === 0) {
      console.log(`  ${label} passed (${times.join(', ')}) — ${minutes()} min`);
    } else {
      failed.push(chunk);
      console.log(`  ${label} FAILED — ${minutes()} min\n${output}`);
    }
  }
}

await Promise.all(Array.from({ length: Math.min(JOBS, chunks.length) }, worker));
if (failed.length) {
  console.log(`convergence fuzz: ${failed.length} of ${chunks.length} chunks failed (${failed.map((c) => `seeds ${c.first}–${c.first + c.count - 1}`).join('; ')}) in ${minutes()} min`);
  process.exit(1);
}
console.log(`convergence fuzz: all ${SEEDS} seeds passed in ${minutes()} min`);
