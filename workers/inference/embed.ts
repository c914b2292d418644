// The one shape every embedding backend has (the inference worker's pipeline, Node's for
// eval scripts and benchmarks): unit-length vectors, one per text, cosine = dot product.

export type Embed = (texts: string[]) => Promise<Float32Array[]>;

/** The model that ships with the app (public/models), so memory works with no download. */
export const BUILT_IN_EMBEDDING_MODEL = 'jarvis/static-embed-en';
