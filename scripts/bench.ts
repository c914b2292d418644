// `npm run -s bench -- [--json] [--only AREA] [--seed N]`: runs the benchmark areas and
// prints their figures (SPEC §9). stdout carries only the result (one JSON object with
// --json, else a table); progress goes to stderr. A figure that cannot be measured is
// null with its reason under "errors"; only a crash of the runner itself exits non-zero.
//
// An area is a file scripts/bench/<area>.ts whose default export is a BenchArea
// (scripts/bench/lib/types.ts): adding a file adds an area, no list to edit here.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startApp, type BenchApp } from './bench/lib/app.ts';
import type { BenchArea, BenchContext, Figures } from './bench/lib/types.ts';

const AREA_DIR = fileURLToPath(new URL('./bench/', import.meta.url));
const USAGE = 'usage: npm run -s bench -- [--json] [--only AREA] [--seed N]';

interface Options {
  json: boolean;
  only: string | null;
  seed: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { json: false, only: null, seed: 20240611 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i] ?? usageError(`${flag} needs a value`);
    if (flag === '--json') options.json = true;
    else if (flag === '--only') options.only = value();
    else if (flag === '--seed') {
      options.seed = Number(value());
      if (!Number.isInteger(options.seed)) usageError('--seed needs a whole number');
    } else if (flag === '--help' || flag === '-h') {
      console.error(USAGE);
      process.exit(0);
    } else usageError(`unknown argument ${argv[i]}`);
  }
  return options;
}

function usageError(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

async function loadAreas(): Promise<BenchArea[]> {
  const files = readdirSync(AREA_DIR).filter((name) => /^[a-z][\w-]*\.ts$/.test(name)).sort();
  const areas: BenchArea[] = [];
  for (const file of files) {
    const area = (await import(pathToFileURL(AREA_DIR + file).href)).default as BenchArea;
    if (!area?.name || typeof area.run !== 'function') throw new Error(`${file} has no default BenchArea export`);
    areas.push(area);
  }
  return areas;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const all = await loadAreas();
  const areas = options.only ? all.filter((area) => area.name === options.only) : all;
  if (areas.length === 0) usageError(`no area "${options.only}"; areas: ${all.map((a) => a.name).join(', ')}`);

  // Anything a library prints with console.log would corrupt the JSON on stdout.
  console.log = console.error;
  const started = performance.now();
  let app: Promise<BenchApp> | null = null;
  const results: Record<string, Figures> = {};
  const errors: Record<string, string> = {};

  try {
    for (const area of areas) {
      const log = (message: string) => console.error(`[${area.name}] ${message}`);
      const ctx: BenchContext = {
        log,
        seed: options.seed,
        fail: (key, reason) => {
          errors[`${area.name}.${key}`] = reason;
          log(`${key}: not measured: ${reason}`);
        },
        app: () => (app ??= startApp((message) => console.error(`[app] ${message}`))),
      };
      const areaStarted = performance.now();
      log(`starting (seed ${options.seed})`);
      let figures: Figures = {};
      try {
        figures = await area.run(ctx);
      } catch (error) {
        console.error(`[${area.name}] failed: ${(error as Error).stack ?? error}`);
        const reason = `area failed: ${(error as Error).message ?? error}`.split('\n')[0];
        for (const key of Object.keys(area.figures)) if (figures[key] == null) errors[`${area.name}.${key}`] ??= reason;
      }
      // Every declared key appears, null with a reason when the area did not measure it.
      const row: Figures = {};
      for (const key of new Set([...Object.keys(area.figures), ...Object.keys(figures)])) {
        row[key] = figures[key] ?? null;
        if (row[key] === null) errors[`${area.name}.${key}`] ??= 'not reported by the area';
      }
      results[area.name] = row;
      log(`done in ${((performance.now() - areaStarted) / 1000).toFixed(1)} s`);
    }
  } finally {
    if (app) await (await app.catch(() => null))?.close();
  }
  console.error(`bench finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const output = Object.keys(errors).length ? { ...results, errors } : results;
  process.stdout.write(options.json ? `${JSON.stringify(output, null, 2)}\n` : table(areas, results, errors));
}

function table(areas: BenchArea[], results: Record<string, Figures>, errors: Record<string, string>): string {
  const rows = [['area', 'key', 'value', 'unit', 'goal']];
  for (const area of areas) {
    for (const [key, value] of Object.entries(results[area.name])) {
      const info = area.figures[key];
      rows.push([area.name, key, value === null ? 'null' : value.toLocaleString('en-US'), info?.unit ?? '', info?.goal ?? '']);
    }
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: string[]) => row.map((cell, c) => (c === 2 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  let text = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n') + '\n';
  const failed = Object.entries(errors);
  if (failed.length) text += `\nnot measured:\n${failed.map(([key, reason]) => `  ${key}: ${reason}`).join('\n')}\n`;
  return text;
}

main().catch((error) => {
  console.error(`bench crashed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
