// transformers.js in Node, reading models from public/models (the same files the app serves).
// Used by eval scripts, benchmarks and tests; never touches the network.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { env, pipeline } from '@huggingface/transformers';
import { BUILT_IN_EMBEDDING_MODEL, type Embed } from '../../workers/inference/embed.ts';

export const publicModelsDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../public/models',
);

export async function createNodeEmbedder(modelId = BUILT_IN_EMBEDDING_MODEL): Promise<Embed> {
  env.allowRemoteModels = false;
  env.localModelPath = publicModelsDir + path.sep;
  const extractor = await pipeline('feature-extraction', modelId, { dtype: 'q8' });
  return async (texts) => {
    if (texts.length === 0) return [];
    // An empty text has no tokens: transformers.js would divide by zero (NaN vector).
    const safe = texts.map((t) => (t.trim() === '' ? '[UNK]' : t));
    const output = await extractor(safe, { pooling: 'mean', normalize: true });
    const [rows, dims] = output.dims as [number, number];
    const data = output.data as Float32Array;
    return Array.from({ length: rows }, (_, i) => data.slice(i * dims, (i + 1) * dims));
  };
}
