import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillModels, sourceFromEnv, type ModelSource } from '../../../scripts/models/fillModels.ts';
import { modelById } from '../../../workers/inference/modelManifest.ts';
import { publicModelsDir, serveFolder, sharedModelsDir, startServer } from './helpers.ts';

const WHISPER = 'Xenova/whisper-tiny';
const MINILM = 'Xenova/all-MiniLM-L6-v2';
const BUNDLED = 'jarvis/static-embed-en';

const mirror = sharedModelsDir();
let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'jarvis-models-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** An output folder like a fresh checkout: the bundled model is already there. */
async function checkoutDir(name: string): Promise<string> {
  const outDir = path.join(scratch, name);
  await cp(path.join(publicModelsDir, BUNDLED), path.join(outDir, BUNDLED), { recursive: true });
  return outDir;
}

async function run(source: ModelSource, outDir: string) {
  const lines: string[] = [];
  const result = await fillModels({ source, outDir, log: (line) => lines.push(line) });
  const status = Object.fromEntries(result.results.map((r) => [r.id, r.status]));
  return { ...result, lines, status };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

const whisperPaths = modelById(WHISPER)!.files.map((f) => f.path).sort();

describe('fillModels', () => {
  it('reads JARVIS_MODEL_MIRROR as a folder, a URL, or falls back to the Hub', () => {
    expect(sourceFromEnv(undefined)).toEqual({ kind: 'hub', url: 'https://huggingface.co' });
    expect(sourceFromEnv('http://127.0.0.1:9/models')).toEqual({ kind: 'url', url: 'http://127.0.0.1:9/models' });
    expect(sourceFromEnv('../shared/models')).toEqual({ kind: 'folder', path: path.resolve('../shared/models') });
  });

  it('fills from a mirror folder, skips what the mirror lacks, and is idempotent', async () => {
    const outDir = await checkoutDir('folder');
    const first = await run({ kind: 'folder', path: mirror }, outDir);
    expect(first.ok).toBe(true);
    expect(first.status).toEqual({ [BUNDLED]: 'up-to-date', [MINILM]: 'skipped', [WHISPER]: 'filled' });
    expect(first.lines).toContain(`skipped ${MINILM}: not in ${mirror} (no config.json)`);
    expect(await listFiles(path.join(outDir, WHISPER))).toEqual(whisperPaths);
    expect(await listFiles(path.join(outDir, MINILM))).toEqual([]);

    const second = await run({ kind: 'folder', path: mirror }, outDir);
    expect(second.ok).toBe(true);
    expect(second.status[WHISPER]).toBe('up-to-date');
    expect(second.lines.find((l) => l.startsWith(WHISPER))).toMatch(/up to date/);
  });

  it('replaces a damaged local copy', async () => {
    const outDir = await checkoutDir('repair');
    await run({ kind: 'folder', path: mirror }, outDir);
    await writeFile(path.join(outDir, WHISPER, 'config.json'), '{}');
    const again = await run({ kind: 'folder', path: mirror }, outDir);
    expect(again.status[WHISPER]).toBe('filled');
    expect(await readFile(path.join(outDir, WHISPER, 'config.json'))).toEqual(
      await readFile(path.join(mirror, WHISPER, 'config.json')),
    );
  });

  it('refuses a corrupted mirror file, names it, and writes nothing for that model', async () => {
    const badMirror = path.join(scratch, 'bad-mirror');
    await cp(path.join(mirror, WHISPER), path.join(badMirror, WHISPER), { recursive: true });
    const tokenizer = path.join(badMirror, WHISPER, 'tokenizer.json');
    const bytes = await readFile(tokenizer);
    bytes[1000] ^= 0x01;
    await writeFile(tokenizer, bytes);

    const outDir = await checkoutDir('from-bad-mirror');
    const result = await run({ kind: 'folder', path: badMirror }, outDir);
    expect(result.ok).toBe(false);
    expect(result.status[WHISPER]).toBe('failed');
    expect(result.lines).toContain(`${WHISPER}: tokenizer.json of ${WHISPER} has the wrong checksum; it was not saved`);
    expect(await listFiles(path.join(outDir, WHISPER))).toEqual([]);
  });

  it('fails when a bundled model is damaged, without downloading it', async () => {
    const outDir = await checkoutDir('bad-bundle');
    await rm(path.join(outDir, BUNDLED, 'tokenizer.json'));
    const result = await run({ kind: 'folder', path: mirror }, outDir);
    expect(result.ok).toBe(false);
    expect(result.status[BUNDLED]).toBe('failed');
    expect(result.lines[0]).toMatch(/tokenizer\.json/);
  });

  it('fills from an HTTP mirror', async () => {
    const server = await startServer(serveFolder(mirror));
    try {
      const outDir = await checkoutDir('http');
      const result = await run({ kind: 'url', url: `${server.url}/` }, outDir);
      expect(result.ok).toBe(true);
      expect(result.status).toEqual({ [BUNDLED]: 'up-to-date', [MINILM]: 'skipped', [WHISPER]: 'filled' });
      expect(await listFiles(path.join(outDir, WHISPER))).toEqual(whisperPaths);
    } finally {
      await server.close();
    }
  });

  it('skips, not fails, when the Hub cannot be reached', async () => {
    const closed = await startServer(() => {});
    await closed.close();
    const outDir = await checkoutDir('offline');
    const result = await run({ kind: 'hub', url: closed.url }, outDir);
    expect(result.ok).toBe(true);
    expect(result.status).toEqual({ [BUNDLED]: 'up-to-date', [MINILM]: 'skipped', [WHISPER]: 'skipped' });
    expect(result.lines).toContain(
      `skipped ${WHISPER}: not in ${closed.url} (config.json of ${WHISPER} could not be downloaded (fetch failed: connect ECONNREFUSED ${closed.url.slice(7)}))`,
    );
  });
});
