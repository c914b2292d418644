// Memory area (semantic memory issue): embedding 100 notes into the memory index, and one
// hybrid search (query embedding + BM25 + cosine over whole notes and passages + top-k) over
// 10,000 notes. Measured in Node with the real built-in model (transformers.js, as in the
// worker); the notes are the bench's seeded synthetic notes (lib/noteText.ts, mulberry32).
import type { Embed } from '../../workers/inference/embed.ts';
import { MemoryIndex, type MemoryItem } from '../../workers/memory/memoryIndex.ts';
import { InMemoryVectorStore } from '../../workers/memory/vectorStore.ts';
import { createNodeEmbedder } from '../lib/nodeEmbedder.ts';
import { noteGenerator } from './lib/noteText.ts';
import { median, round } from './lib/stats.ts';
import type { BenchArea, BenchContext, Figures } from './lib/types.ts';

const NOTES = 10_000;
const EMBED_NOTES = 100;
const EMBED_RUNS = 5;
const SEARCH_WARMUPS = 5;
const QUERIES = [
  'when is the dentist appointment',
  'tickets for the trip to Lisbon',
  'quotes for the kitchen renovation',
  'what did Anna agree to move',
  'groceries list',
  'insurance questions',
  'piano practice schedule',
  'follow up on the server migration',
  'book club reading list',
  'tax return invoice',
  'where is the shared spreadsheet',
  'birthday party plan',
];

export interface MemoryBenchOptions {
  seed: number;
  log?: (message: string) => void;
  /** Defaults to the built-in model through transformers.js in Node. */
  embed?: Embed;
}

export async function benchMemory(opts: MemoryBenchOptions): Promise<{ embed_100_notes_s: number | null; search_10k_ms: number | null }> {
  const log = opts.log ?? (() => undefined);
  const embed = opts.embed ?? (await createNodeEmbedder());
  const next = noteGenerator(opts.seed);
  const items: MemoryItem[] = Array.from({ length: NOTES }, (_, i) => {
    const note = next();
    return { id: `n${i}`, kind: 'note', title: note.title, text: note.body, updated: i };
  });

  // Embedding: a fresh index per run (nothing cached), the first run a warm-up.
  const embedTimes: number[] = [];
  for (let run = 0; run <= EMBED_RUNS; run++) {
    const index = new MemoryIndex({ embed, store: new InMemoryVectorStore() });
    const batch = items.slice(run * EMBED_NOTES, (run + 1) * EMBED_NOTES);
    const started = performance.now();
    await index.upsert(batch);
    if (run > 0) embedTimes.push((performance.now() - started) / 1000);
  }
  log(`embed ${EMBED_NOTES} notes: ${embedTimes.map((s) => s.toFixed(3)).join(', ')} s`);

  const index = new MemoryIndex({ embed, store: new InMemoryVectorStore() });
  const started = performance.now();
  await index.upsert(items);
  const stats = index.stats();
  log(`indexed ${stats.items} notes (${stats.embedded} embedded) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  for (let i = 0; i < SEARCH_WARMUPS; i++) await index.search(QUERIES[i % QUERIES.length]);
  const searchTimes: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const query of QUERIES) {
      const t0 = performance.now();
      await index.search(query, { limit: 10 });
      searchTimes.push(performance.now() - t0);
    }
  }
  const sorted = [...searchTimes].sort((a, b) => a - b);
  log(`search over ${NOTES} notes: median ${median(searchTimes).toFixed(2)} ms, max ${sorted[sorted.length - 1].toFixed(2)} ms (${searchTimes.length} searches)`);

  return { embed_100_notes_s: round(median(embedTimes), 3), search_10k_ms: round(median(searchTimes), 1) };
}

export default {
  name: 'memory',
  figures: {
    embed_100_notes_s: { unit: 's' },
    search_10k_ms: { unit: 'ms', goal: '≤ 30' },
  },

  async run(ctx: BenchContext): Promise<Figures> {
    return benchMemory({ seed: ctx.seed, log: ctx.log });
  },
} satisfies BenchArea;
