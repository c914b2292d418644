// `npm run eval:memory -- NOTES.json QUERIES.json [--json] [--method bm25|vector|hybrid]`
// (SPEC §9): runs the app's memory search (MemoryIndex with the built-in model, an in-memory
// vector store) over labelled queries and prints recall@1 / recall@3, overall and by type.
// With --json stdout carries only the JSON object. Bad arguments or files: exit 2.
import { readFileSync } from 'node:fs';
import type { Method } from '../workers/memory/hybrid.ts';
import { MemoryIndex } from '../workers/memory/memoryIndex.ts';
import { InMemoryVectorStore } from '../workers/memory/vectorStore.ts';
import { createNodeEmbedder } from './lib/nodeEmbedder.ts';

const USAGE = 'usage: npm run eval:memory -- NOTES.json QUERIES.json [--json] [--method bm25|vector|hybrid]';
const METHODS: Method[] = ['bm25', 'vector', 'hybrid'];

interface Note {
  id: string;
  text: string;
}
interface Query {
  query: string;
  relevant: string[];
  type: string;
}
interface Recall {
  recall_at_1: number;
  recall_at_3: number;
  n: number;
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv: string[]): { files: string[]; json: boolean; method: Method } {
  const files: string[] = [];
  let json = false;
  let method: Method = 'hybrid'; // what the app uses with its built-in model
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (flag === '--json') json = true;
    else if (flag === '--method') {
      const value = inline ?? argv[++i];
      if (!METHODS.includes(value as Method)) fail(`--method must be one of ${METHODS.join(', ')}`);
      method = value as Method;
    } else if (flag.startsWith('--')) fail(`unknown option ${argv[i]}`);
    else files.push(argv[i]);
  }
  if (files.length !== 2) fail('need exactly two files: NOTES.json QUERIES.json');
  return { files, json, method };
}

function readJsonArray(file: string, what: string): Record<string, unknown>[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`cannot read ${what} file ${file}: ${(error as Error).message}`);
  }
  if (!Array.isArray(data) || data.some((row) => typeof row !== 'object' || row === null)) fail(`${what} file ${file} must hold a JSON array of objects`);
  return data as Record<string, unknown>[];
}

const isId = (value: unknown) => typeof value === 'string' || typeof value === 'number';

function loadNotes(file: string): Note[] {
  return readJsonArray(file, 'notes').map((row, i) => {
    if (!isId(row.id) || typeof row.text !== 'string') fail(`notes file ${file}: entry ${i} needs "id" (string or number) and "text" (string)`);
    return { id: String(row.id), text: row.text };
  });
}

function loadQueries(file: string): Query[] {
  return readJsonArray(file, 'queries').map((row, i) => {
    const relevant = Array.isArray(row.relevant) ? row.relevant : [row.relevant];
    if (typeof row.query !== 'string' || relevant.length === 0 || !relevant.every(isId)) {
      fail(`queries file ${file}: entry ${i} needs "query" (string) and "relevant" (an id or a list of ids)`);
    }
    return { query: row.query, relevant: relevant.map(String), type: typeof row.type === 'string' ? row.type : 'all' };
  });
}

function recall(hits: boolean[][]): Recall {
  const n = hits.length;
  const at = (k: number) => (n ? hits.filter((h) => h.slice(0, k).some(Boolean)).length / n : 0);
  return { recall_at_1: round(at(1)), recall_at_3: round(at(3)), n };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

async function main(): Promise<void> {
  const { files, json, method } = parseArgs(process.argv.slice(2));
  const notes = loadNotes(files[0]);
  const queries = loadQueries(files[1]);
  // Library chatter on stdout would corrupt the JSON.
  console.log = console.error;

  const embed = method === 'bm25' ? null : await createNodeEmbedder();
  const index = new MemoryIndex({ embed, store: new InMemoryVectorStore() });
  await index.upsert(notes.map((note) => ({ id: note.id, kind: 'note', text: note.text, updated: 0 })));

  const rows: { query: Query; hits: boolean[]; top: string }[] = [];
  for (const query of queries) {
    const results = await index.search(query.query, { limit: 3, method });
    rows.push({ query, hits: results.map((r) => query.relevant.includes(r.id)), top: results[0]?.id ?? '-' });
  }
  const byType: Record<string, Recall> = {};
  for (const type of [...new Set(queries.map((q) => q.type))]) byType[type] = recall(rows.filter((r) => r.query.type === type).map((r) => r.hits));
  const result = { ...recall(rows.map((r) => r.hits)), by_type: byType };

  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const lines = [`memory search (${method}) on ${notes.length} notes, ${queries.length} queries`, '', 'type        R@1     R@3     n'];
  for (const [type, r] of [...Object.entries(byType), ['all', result] as const]) {
    lines.push(`${type.padEnd(10)}  ${r.recall_at_1.toFixed(3)}   ${r.recall_at_3.toFixed(3)}   ${r.n}`);
  }
  const misses = rows.filter((r) => !r.hits[0]);
  if (misses.length) lines.push('', 'misses at rank 1 (query → top id, wanted):', ...misses.map((r) => `  ${r.query.query} → ${r.top}, wanted ${r.query.relevant.join('|')}`));
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => {
  console.error(`eval:memory failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
