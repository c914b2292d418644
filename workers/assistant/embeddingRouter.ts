// Nearest-example classification: each intent scores the best cosine between the utterance
// and that intent's example phrases. The example vectors are embedded once and cached.
import type { Embed } from '../inference/embed.ts';
import { EXAMPLES } from './examples.ts';
import { INTENTS, type Intent } from './intents.ts';
import { normalize } from './normalize.ts';

export interface EmbeddingVote {
  intent: Intent;
  /** Best cosine of the winning intent (−1..1). */
  score: number;
  /** How far the winner is ahead of the runner-up intent. */
  margin: number;
}

interface Example {
  intent: Intent;
  vector: Float32Array;
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

export function createEmbeddingClassifier(embed: Embed) {
  let examples: Promise<Example[]> | undefined;

  function loadExamples(): Promise<Example[]> {
    examples ??= (async () => {
      const labelled = INTENTS.flatMap((intent) => EXAMPLES[intent].map((text) => ({ intent, text })));
      const vectors = await embed(labelled.map((e) => normalize(e.text)));
      return labelled.map((e, i) => ({ intent: e.intent, vector: vectors[i] }));
    })();
    // A failed load (model missing) may succeed later; don't cache the rejection.
    examples.catch(() => (examples = undefined));
    return examples;
  }

  return async function classify(text: string): Promise<EmbeddingVote | undefined> {
    const query = normalize(text);
    if (!query) return undefined;
    const [all, [vector]] = await Promise.all([loadExamples(), embed([query])]);
    if (!vector || vector.some(Number.isNaN)) return undefined;
    const best = new Map<Intent, number>();
    for (const example of all) {
      const score = dot(vector, example.vector);
      if (score > (best.get(example.intent) ?? -Infinity)) best.set(example.intent, score);
    }
    const ranked = [...best.entries()].sort((a, b) => b[1] - a[1]);
    const [intent, score] = ranked[0];
    return { intent, score, margin: score - (ranked[1]?.[1] ?? -1) };
  };
}
