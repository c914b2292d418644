// transformers.js in Node, reading models from public/models (the same files the app serves).
// Used by eval scripts, benchmarks and tests; never touches the network.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { env, pipeline } from '@huggingface/transformers';
import { BUILT_IN_EMBEDDING_MODEL, embedWith, type Embed } from '../../workers/inference/embed.ts';

export const publicModelsDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../public/models',
);

export async function createNodeEmbedder(modelId = BUILT_IN_EMBEDDING_MODEL): Promise<Embed> {
  env.allowRemoteModels = false;
  env.localModelPath = publicModelsDir + path.sep;
  const extractor = await pipeline('feature-extraction', modelId, { dtype: 'q8' });
  return embedWith(extractor);
}
