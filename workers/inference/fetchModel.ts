// Downloads one model's files and checks every byte against the manifest before handing
// them over. Host-neutral (fetch, WebCrypto, streams only) so the Node script and the
// browser worker share it; it never writes anywhere, the caller decides where files go.
import { modelBytes, type ModelEntry, type ModelFile } from './modelManifest.ts';

/** 'hub': `${base}/${id}/resolve/${revision}/${path}` (huggingface.co); 'mirror': `${base}/${id}/${path}`. */
export type UrlLayout = 'hub' | 'mirror';

export type ModelFileErrorKind = 'hash' | 'size' | 'missing' | 'network';

export class ModelFileError extends Error {
  override name = 'ModelFileError';
  constructor(
    readonly kind: ModelFileErrorKind,
    readonly model: string,
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface ModelProgress {
  model: string;
  file: string;
  /** Bytes received so far for the whole model. */
  loaded: number;
  /** Sum of the manifest's byte counts for the model. */
  total: number;
}

export interface FetchModelOptions {
  baseUrl: string;
  layout: UrlLayout;
  signal?: AbortSignal;
  onProgress?: (progress: ModelProgress) => void;
  /** Stand-in for the global fetch (the Node script serves mirror folders through it). */
  fetch?: typeof fetch;
}

export function modelFileUrl(baseUrl: string, layout: UrlLayout, entry: ModelEntry, path: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  const encode = (p: string) => p.split('/').map(encodeURIComponent).join('/');
  const middle = layout === 'hub' ? `/resolve/${encode(entry.hubRevision ?? 'main')}` : '';
  return `${base}/${encode(entry.id)}${middle}/${encode(path)}`;
}

export async function sha256Hex(data: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The error for data that is not exactly the manifest's file, or null if it is. */
export async function checkModelFile(
  entry: ModelEntry,
  file: ModelFile,
  data: Uint8Array<ArrayBuffer>,
): Promise<ModelFileError | null> {
  if (data.byteLength !== file.bytes) {
    return sizeError(entry, file, data.byteLength);
  }
  if ((await sha256Hex(data)) !== file.sha256) {
    return new ModelFileError(
      'hash',
      entry.id,
      file.path,
      `${file.path} of ${entry.id} has the wrong checksum; it was not saved`,
    );
  }
  return null;
}

/** Fetches every file of `entry`, verified; resolves to path → bytes. Rejects with ModelFileError, or the signal's reason on abort. */
export async function fetchModel(
  entry: ModelEntry,
  options: FetchModelOptions,
): Promise<Map<string, Uint8Array<ArrayBuffer>>> {
  const { signal, onProgress } = options;
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const total = modelBytes(entry);
  const files = new Map<string, Uint8Array<ArrayBuffer>>();
  let loadedBefore = 0;

  for (const file of entry.files) {
    signal?.throwIfAborted();
    const url = modelFileUrl(options.baseUrl, options.layout, entry, file.path);
    const networkError = (cause: unknown, detail: string) => {
      // An abort also breaks the request; report it as the abort the caller asked for.
      if (signal?.aborted) return signal.reason;
      return new ModelFileError(
        'network',
        entry.id,
        file.path,
        `${file.path} of ${entry.id} could not be downloaded (${detail})`,
        { cause },
      );
    };

    let response: Response;
    try {
      response = await fetchFn(url, { signal });
    } catch (err) {
      throw networkError(err, errorText(err));
    }
    // The Hub answers 401 for a repository it does not have, and the Vite dev server answers
    // a missing file with the app's index.html: both mean the file is not there.
    const htmlInstead =
      response.ok && !file.path.endsWith('.html') && /^text\/html/i.test(response.headers.get('content-type') ?? '');
    if ([401, 403, 404, 410].includes(response.status) || htmlInstead) {
      await response.body?.cancel().catch(() => {});
      const answer = htmlInstead ? 'an HTML page' : `HTTP ${response.status}`;
      throw new ModelFileError(
        'missing',
        entry.id,
        file.path,
        `${file.path} of ${entry.id} is not available from ${options.baseUrl} (${answer})`,
      );
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw networkError(null, `HTTP ${response.status}`);
    }

    // Read into a buffer of the expected size: a larger body is rejected without reading it all.
    const data = new Uint8Array(file.bytes);
    let received = 0;
    const reader = response.body?.getReader();
    while (reader) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (err) {
        throw networkError(err, errorText(err));
      }
      if (chunk.done) break;
      if (received + chunk.value.byteLength > file.bytes) {
        await reader.cancel().catch(() => {});
        throw sizeError(entry, file, `more than ${file.bytes}`);
      }
      data.set(chunk.value, received);
      received += chunk.value.byteLength;
      onProgress?.({ model: entry.id, file: file.path, loaded: loadedBefore + received, total });
    }

    const problem = await checkModelFile(entry, file, data.subarray(0, received));
    if (problem) throw problem;
    files.set(file.path, data);
    loadedBefore += file.bytes;
  }
  return files;
}

function sizeError(entry: ModelEntry, file: ModelFile, got: number | string): ModelFileError {
  return new ModelFileError(
    'size',
    entry.id,
    file.path,
    `${file.path} of ${entry.id} has the wrong size (${got} bytes, expected ${file.bytes}); it was not saved`,
  );
}

function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // undici puts the socket's story ("other side closed") in cause.
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err.message}${cause}`;
}
