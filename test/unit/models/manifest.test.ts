import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODELS, modelById, modelBytes } from '../../../workers/inference/modelManifest.ts';
import { publicModelsDir, sharedModelsDir } from './helpers.ts';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('model manifest', () => {
  it('lists the three models with well-formed entries', () => {
    expect(MODELS.map((m) => m.id)).toEqual(['jarvis/static-embed-en', 'Xenova/all-MiniLM-L6-v2', 'Xenova/whisper-tiny']);
    for (const m of MODELS) {
      expect(['feature-extraction', 'automatic-speech-recognition']).toContain(m.task);
      expect(m.dtype).toBe('q8');
      expect(m.licence.spdx).not.toBe('');
      expect(m.licence.notice).not.toBe('');
      expect(m.hubRevision === null || /^[0-9a-f]{40}$/.test(m.hubRevision)).toBe(true);
      expect(new Set(m.files.map((f) => f.path)).size).toBe(m.files.length);
      for (const f of m.files) {
        expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(Number.isInteger(f.bytes) && f.bytes > 0).toBe(true);
        expect(f.path).not.toMatch(/^\/|\.\./);
      }
    }
    expect(MODELS.filter((m) => m.bundled).map((m) => m.id)).toEqual(['jarvis/static-embed-en']);
  });

  it('looks models up and sums their bytes', () => {
    const whisper = modelById('Xenova/whisper-tiny');
    expect(whisper?.task).toBe('automatic-speech-recognition');
    expect(modelBytes(whisper!)).toBe(43_622_127);
    expect(modelById('nope/nothing')).toBeUndefined();
  });

  it('matches the committed static-embed-en files byte for byte', async () => {
    const entry = modelById('jarvis/static-embed-en')!;
    for (const file of entry.files) {
      const data = await readFile(path.join(publicModelsDir, entry.id, file.path));
      expect({ path: file.path, bytes: data.byteLength, sha256: sha256(data) }).toEqual(file);
    }
  });

  it('agrees with the shared mirror manifest for every model stored there', async () => {
    const shared = JSON.parse(await readFile(path.join(sharedModelsDir(), 'manifest.json'), 'utf8')) as {
      files: { path: string; bytes: number; sha256: string }[];
    };
    const pins = new Map(shared.files.map((f) => [f.path, f]));
    for (const id of ['jarvis/static-embed-en', 'Xenova/whisper-tiny']) {
      for (const file of modelById(id)!.files) {
        const pin = pins.get(`${id}/${file.path}`);
        expect(pin, `${id}/${file.path} in shared manifest`).toBeDefined();
        expect({ bytes: file.bytes, sha256: file.sha256 }).toEqual({ bytes: pin!.bytes, sha256: pin!.sha256 });
      }
    }
  });
});
