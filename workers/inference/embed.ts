// The one shape every embedding backend has (the inference worker's pipeline, Node's for
// eval scripts and benchmarks): unit-length vectors, one per text, cosine = dot product.

export type Embed = (texts: string[]) => Promise<Float32Array[]>;

/** The model that ships with the app (public/models), so memory works with no download. */
export const BUILT_IN_EMBEDDING_MODEL = 'jarvis/static-embed-en';

/** The part of transformers.js's feature-extraction pipeline we call. */
type Extractor = (
  texts: string[],
  options: { pooling: 'mean'; normalize: true },
) => Promise<{ dims: number[]; data: unknown }>;

/** Wraps a feature-extraction pipeline (browser or Node) as an Embed. */
export function embedWith(extractor: Extractor): Embed {
  return async (texts) => {
    if (texts.length === 0) return [];
    // An empty text has no tokens, and transformers.js would divide by zero (a NaN vector).
    const safe = texts.map((t) => (t.trim() === '' ? '[UNK]' : t));
    const output = await extractor(safe, { pooling: 'mean', normalize: true });
    const [rows, dims] = output.dims as [number, number];
    const data = output.data as Float32Array;
    return Array.from({ length: rows }, (_, i) => data.slice(i * dims, (i + 1) * dims));
  };
}
