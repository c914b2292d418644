import { createHash, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fetchModel,
  modelFileUrl,
  ModelFileError,
  type FetchModelOptions,
  type ModelProgress,
} from '../../../workers/inference/fetchModel.ts';
import type { ModelEntry } from '../../../workers/inference/modelManifest.ts';
import { startServer, type TestServer } from './helpers.ts';

// A small made-up model, so every failure can be staged byte by byte.
const contents = new Map([
  ['config.json', Buffer.from('{"model_type":"bert"}')],
  ['onnx/model_quantized.onnx', randomBytes(300_000)],
]);
const entry: ModelEntry = {
  id: 'test/tiny',
  task: 'feature-extraction',
  dtype: 'q8',
  licence: { spdx: 'CC0-1.0', notice: 'test data' },
  bundled: false,
  hubRevision: null,
  files: [...contents].map(([path, data]) => ({
    path,
    bytes: data.byteLength,
    sha256: createHash('sha256').update(data).digest('hex'),
  })),
};
const onnx = contents.get('onnx/model_quantized.onnx')!;

/** Each URL prefix stages one way for the big file to arrive; config.json is always fine. */
const behaviours: Record<string, (res: ServerResponse) => void> = {
  good: (res) => res.end(onnx),
  corrupt: (res) => {
    const copy = Buffer.from(onnx);
    copy[1234] ^= 0xff;
    res.end(copy);
  },
  short: (res) => res.end(onnx.subarray(1)),
  long: (res) => res.end(Buffer.concat([onnx, Buffer.from('x')])),
  missing: (res) => res.writeHead(404).end(),
  // What the Vite dev server sends for a missing file: its SPA page.
  spa: (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Jarvis</title>'),
  error: (res) => res.writeHead(500).end(),
  // Promises the whole file, sends half, then drops the connection.
  dropped: (res) => {
    res.writeHead(200, { 'content-length': onnx.byteLength });
    res.write(onnx.subarray(0, 100_000), () => res.destroy());
  },
  // Sends a little, then never finishes: only an abort ends it.
  stalled: (res) => {
    res.writeHead(200, { 'content-length': onnx.byteLength });
    res.write(onnx.subarray(0, 10_000));
  },
};

let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res) => {
    const [, mode, ...rest] = (req.url ?? '').split('/');
    const file = rest.slice(2).join('/'); // drop "test/tiny"
    if (file === 'config.json') res.end(contents.get(file));
    else if (file === 'onnx/model_quantized.onnx' && behaviours[mode]) behaviours[mode](res);
    else res.writeHead(404).end();
  });
});
afterAll(() => server.close());

const fetchFrom = (mode: string, extra: Partial<FetchModelOptions> = {}) =>
  fetchModel(entry, { baseUrl: `${server.url}/${mode}`, layout: 'mirror', ...extra });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (err: unknown) => err,
  );
}

describe('fetchModel', () => {
  it('builds Hub and mirror URLs', () => {
    const pinned = { ...entry, hubRevision: 'abc123' };
    expect(modelFileUrl('https://huggingface.co/', 'hub', pinned, 'onnx/model_quantized.onnx')).toBe(
      'https://huggingface.co/test/tiny/resolve/abc123/onnx/model_quantized.onnx',
    );
    expect(modelFileUrl('http://m.example/models', 'mirror', pinned, 'config.json')).toBe(
      'http://m.example/models/test/tiny/config.json',
    );
  });

  it('returns verified files and reports monotone progress up to the total', async () => {
    const progress: ModelProgress[] = [];
    const files = await fetchFrom('good', { onProgress: (p) => progress.push(p) });
    expect([...files.keys()]).toEqual([...contents.keys()]);
    for (const [path, data] of contents) expect(Buffer.from(files.get(path)!).equals(data)).toBe(true);

    const total = entry.files.reduce((sum, f) => sum + f.bytes, 0);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.every((p) => p.model === entry.id && p.total === total)).toBe(true);
    const loaded = progress.map((p) => p.loaded);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
    expect(loaded.at(-1)).toBe(total);
  });

  it.each([
    ['corrupt', 'hash', /onnx\/model_quantized\.onnx of test\/tiny has the wrong checksum; it was not saved/],
    ['short', 'size', /has the wrong size \(299999 bytes, expected 300000\)/],
    ['long', 'size', /has the wrong size/],
    ['missing', 'missing', /onnx\/model_quantized\.onnx of test\/tiny is not available/],
    ['spa', 'missing', /is not available from .* \(an HTML page\)/],
    ['error', 'network', /HTTP 500/],
    ['dropped', 'network', /could not be downloaded/],
  ])('a %s file fails with kind %s', async (mode, kind, message) => {
    const err = await failure(fetchFrom(mode));
    expect(err).toBeInstanceOf(ModelFileError);
    expect(err).toMatchObject({ kind, model: 'test/tiny', path: 'onnx/model_quantized.onnx' });
    expect((err as Error).message).toMatch(message);
  });

  it('reports an unreachable server as a network error', async () => {
    const closed = await startServer(() => {});
    await closed.close();
    const err = await failure(fetchModel(entry, { baseUrl: closed.url, layout: 'mirror' }));
    expect(err).toMatchObject({ kind: 'network', path: 'config.json' });
  });

  it('stops mid-body when aborted, with the abort rather than a file error', async () => {
    const controller = new AbortController();
    const err = await failure(
      fetchFrom('stalled', {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.file === 'onnx/model_quantized.onnx') controller.abort();
        },
      }),
    );
    expect(err).not.toBeInstanceOf(ModelFileError);
    expect((err as Error).name).toBe('AbortError');
  });

  it('does not start when the signal is already aborted', async () => {
    const err = await failure(fetchFrom('good', { signal: AbortSignal.abort() }));
    expect((err as Error).name).toBe('AbortError');
  });
});
