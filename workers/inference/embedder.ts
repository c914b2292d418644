// A feature-extraction pipeline as an Embed: mean-pooled, unit-length sentence vectors.
import { pipeline } from '@huggingface/transformers';
import { embedWith, type Embed } from './embed.ts';
import { pickDevice } from './runtime.ts';

export async function loadEmbedder(modelId: string): Promise<Embed> {
  const device = await pickDevice();
  const extractor = await pipeline('feature-extraction', modelId, { dtype: 'q8', device }).catch((error: unknown) => {
    // Some GPUs lack an operator the model needs: WASM always works.
    if (device === 'wasm') throw error;
    return pipeline('feature-extraction', modelId, { dtype: 'q8', device: 'wasm' });
  });
  return embedWith(extractor);
}
