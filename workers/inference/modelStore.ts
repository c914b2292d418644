// Models in Cache Storage, each file checked against the manifest before it is stored.
// transformers.js looks in this same cache (its `env.cacheKey`) under the URL it would
// fetch from /models, so once a model is here it loads offline and never unverified.
import { env } from '@huggingface/transformers';
import { fetchModel, type ModelProgress } from './fetchModel.ts';
import type { ModelEntry } from './modelManifest.ts';
import { MODELS_PATH } from './runtime.ts';

function cacheName(): string {
  return env.cacheKey || 'transformers-cache';
}

/** The URL transformers.js asks for: the app's own /models path. */
export function localUrl(entry: ModelEntry, path: string): string {
  return new URL(`${MODELS_PATH}${entry.id}/${path}`, self.location.origin).href;
}

export async function isCached(entry: ModelEntry): Promise<boolean> {
  const cache = await caches.open(cacheName());
  for (const file of entry.files) if (!(await cache.match(localUrl(entry, file.path)))) return false;
  return true;
}

/** Whether this app's server has the model under /models (bundled, or put there by `npm run models`). */
export async function isServedLocally(entry: ModelEntry): Promise<boolean> {
  try {
    const response = await fetch(localUrl(entry, entry.files[0].path), { method: 'HEAD', cache: 'no-store' });
    return response.ok;
  } catch {
    return false;
  }
}

function contentType(path: string): string {
  if (path.endsWith('.json')) return 'application/json';
  if (path.endsWith('.md') || path.endsWith('.txt')) return 'text/plain; charset=utf-8';
  return 'application/octet-stream';
}

/**
 * Fetches every file (from /models, or from the Hub when `hubUrl` is given), verifies it,
 * and only then stores the whole model: a wrong hash or a dropped connection stores nothing.
 */
export async function cacheModel(
  entry: ModelEntry,
  options: { hubUrl?: string; signal?: AbortSignal; onProgress?: (progress: ModelProgress) => void },
): Promise<void> {
  const files = await fetchModel(entry, {
    baseUrl: options.hubUrl ?? new URL(MODELS_PATH, self.location.origin).href,
    layout: options.hubUrl ? 'hub' : 'mirror',
    signal: options.signal,
    onProgress: options.onProgress,
  });
  const cache = await caches.open(cacheName());
  for (const [path, bytes] of files) {
    const headers = { 'Content-Type': contentType(path), 'Content-Length': String(bytes.byteLength) };
    await cache.put(localUrl(entry, path), new Response(bytes, { headers }));
  }
}

export async function deleteCachedModel(entry: ModelEntry): Promise<void> {
  const cache = await caches.open(cacheName());
  for (const file of entry.files) await cache.delete(localUrl(entry, file.path));
}
