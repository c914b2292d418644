// The core of `npm run models`: brings every model of the manifest into a folder laid out
// like public/models (<id>/<path>), from a mirror folder, a mirror URL or the Hub, and
// writes nothing that does not match the manifest's sizes and hashes.
import { readFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MODELS, modelBytes, type ModelEntry } from '../../workers/inference/modelManifest.ts';
import {
  checkModelFile,
  fetchModel,
  ModelFileError,
  type ModelProgress,
  type UrlLayout,
} from '../../workers/inference/fetchModel.ts';

export const HUB_URL = 'https://huggingface.co';

export type ModelSource =
  | { kind: 'folder'; path: string }
  | { kind: 'url'; url: string }
  | { kind: 'hub'; url: string };

/** JARVIS_MODEL_MIRROR: an http(s) URL or a folder; unset means the Hugging Face Hub. */
export function sourceFromEnv(mirror: string | undefined): ModelSource {
  if (!mirror) return { kind: 'hub', url: HUB_URL };
  if (/^https?:\/\//i.test(mirror)) return { kind: 'url', url: mirror };
  return { kind: 'folder', path: path.resolve(mirror) };
}

export function describeSource(source: ModelSource): string {
  return source.kind === 'folder' ? source.path : source.url;
}

export type ModelStatus = 'up-to-date' | 'filled' | 'skipped' | 'failed';

export interface ModelResult {
  id: string;
  status: ModelStatus;
  message: string;
}

export interface FillOptions {
  source: ModelSource;
  outDir: string;
  log?: (line: string) => void;
  onProgress?: (progress: ModelProgress) => void;
  models?: readonly ModelEntry[];
  signal?: AbortSignal;
}

export async function fillModels(options: FillOptions): Promise<{ ok: boolean; results: ModelResult[] }> {
  const results: ModelResult[] = [];
  for (const entry of options.models ?? MODELS) {
    const result = await fillModel(entry, options);
    options.log?.(result.message);
    results.push(result);
  }
  return { ok: results.every((r) => r.status !== 'failed'), results };
}

async function fillModel(entry: ModelEntry, { source, outDir, signal, onProgress }: FillOptions): Promise<ModelResult> {
  const modelDir = path.join(outDir, entry.id);
  const stale = await staleFiles(entry, modelDir);
  const size = formatMB(modelBytes(entry));
  if (stale.length === 0) {
    const what = entry.bundled ? 'bundled, verified' : 'up to date';
    return { id: entry.id, status: 'up-to-date', message: `${entry.id}: ${what} (${entry.files.length} files, ${size})` };
  }
  // Bundled models are committed with the app: a bad copy is a broken checkout, not something to download.
  if (entry.bundled) {
    return { id: entry.id, status: 'failed', message: `${entry.id}: bundled files missing or changed: ${stale.join(', ')}` };
  }

  const where = describeSource(source);
  const started = Date.now();
  let files: Map<string, Uint8Array>;
  try {
    files = await fetchModel(entry, { ...fetchTarget(source), signal, onProgress });
  } catch (err) {
    if (!(err instanceof ModelFileError)) throw err;
    // No internet is normal for the Hub (CI, offline work); for a mirror it means the mirror is broken.
    if (err.kind === 'missing' || (err.kind === 'network' && source.kind === 'hub')) {
      const why = err.kind === 'missing' ? `no ${err.path}` : err.message;
      return { id: entry.id, status: 'skipped', message: `skipped ${entry.id}: not in ${where} (${why})` };
    }
    return { id: entry.id, status: 'failed', message: `${entry.id}: ${err.message}` };
  }

  for (const [file, data] of files) {
    await writeAtomically(path.join(modelDir, file), data);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return {
    id: entry.id,
    status: 'filled',
    message: `${entry.id}: fetched ${files.size} files, ${size} from ${where} in ${seconds} s`,
  };
}

/** Paths of the files that are absent or differ from the manifest. */
async function staleFiles(entry: ModelEntry, modelDir: string): Promise<string[]> {
  const stale: string[] = [];
  for (const file of entry.files) {
    const filePath = path.join(modelDir, file.path);
    // Size first: skips hashing a file that cannot match.
    const size = await stat(filePath).then((s) => s.size, () => -1);
    if (size !== file.bytes || (await checkModelFile(entry, file, await readBytes(filePath)))) {
      stale.push(file.path);
    }
  }
  return stale;
}

function fetchTarget(source: ModelSource): { baseUrl: string; layout: UrlLayout; fetch?: typeof fetch } {
  switch (source.kind) {
    case 'hub':
      return { baseUrl: source.url, layout: 'hub' };
    case 'url':
      return { baseUrl: source.url, layout: 'mirror' };
    case 'folder':
      return { baseUrl: pathToFileURL(source.path).href, layout: 'mirror', fetch: folderFetch };
  }
}

/** Serves file: URLs like an HTTP mirror would, so folders take the same verified path as downloads. */
const folderFetch: typeof fetch = async (input) => {
  const filePath = fileURLToPath(String(input));
  try {
    return new Response(await readBytes(filePath));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Response(null, { status: 404 });
    throw err;
  }
};

async function readBytes(filePath: string): Promise<Uint8Array<ArrayBuffer>> {
  const buffer = await readFile(filePath);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) as Uint8Array<ArrayBuffer>;
}

/** A reader (the dev server, transformers.js) never sees half a file. */
async function writeAtomically(filePath: string, data: Uint8Array): Promise<void> {
  await mkdir(path.dirname(filePath), { recursive: true });
  const temp = `${filePath}.tmp-${process.pid}`;
  try {
    await writeFile(temp, data);
    await rename(temp, filePath);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

function formatMB(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
