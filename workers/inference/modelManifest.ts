// Typed view of modelManifest.json, the one list of models (and their pinned bytes) that
// the app, the worker's downloader and `npm run models` agree on.
import manifest from './modelManifest.json' with { type: 'json' };

export type ModelTask = 'feature-extraction' | 'automatic-speech-recognition';

export interface ModelFile {
  /** Relative to the model's folder, e.g. "onnx/model_quantized.onnx". */
  path: string;
  bytes: number;
  sha256: string;
}

export interface ModelEntry {
  /** Hugging Face style "<org>/<name>"; also the folder under public/models. */
  id: string;
  task: ModelTask;
  dtype: 'q8';
  licence: { spdx: string; notice: string };
  /** Committed under public/models and shipped with the app; never downloaded. */
  bundled: boolean;
  /** The Hub commit the hashes were taken from; null for models not on the Hub. */
  hubRevision: string | null;
  files: ModelFile[];
}

// JSON imports type `task` as string, so the union is asserted here and checked by the tests.
export const MODELS: readonly ModelEntry[] = manifest.models as ModelEntry[];

export function modelById(id: string): ModelEntry | undefined {
  return MODELS.find((m) => m.id === id);
}

export function modelBytes(entry: ModelEntry): number {
  return entry.files.reduce((sum, f) => sum + f.bytes, 0);
}
