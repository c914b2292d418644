// Ranking for memory search: keyword (BM25), vector (the model alone) and hybrid.
//
// Why this hybrid and not a 0.5/0.5 mix of min-max-normalised scores: with the built-in
// static model the cosine gap between the right note and the rest is only ~0.1–0.3, while a
// max-normalised BM25 jumps from 0 to 1 on any accidental overlap, so the mix follows the
// keywords and paraphrase R@1 fell to 0.25 (model README). Here meaning leads and words
// only nudge:
//   semantic = 0.3 · cos(query, whole note) + 0.7 · max(cos(query, whole note), cos(query, best passage))
//   score    = semantic + 0.05 · bm25 / (bm25 + 2)
// - Passages (sentences.ts) carry most of the gain: the best clause of a note is not diluted
//   by the rest of it. The whole note keeps a share so one stray clause cannot win alone.
// - The BM25 term is saturating and absolute (no per-query normalisation), counts content
//   words only (stopwords removed, light stemming) and is worth at most 0.05: enough to break
//   near-ties and to find words the model cannot see (codes, names, "hunter2" are [UNK] to a
//   WordNet vocabulary), never enough to outvote a clearly better meaning.
// Measured on the model's eval set (40 notes, 80 queries), R@1 paraphrase / keyword: BM25
// 0.125 / 1, model alone 0.625 / 1, this 0.70 / 1. The passages give that gain; the BM25 term
// changes no rank-1 answer there (weights 0.02–0.05, saturation 1–4 all give the same), so the
// constants are not tuned to a knife edge. Weights ≥ 0.1, or reciprocal-rank fusion (0.50),
// let one shared content word ("doctor") outvote meaning again.
// Queries and passages of unknown words only (codes) carry no meaning: MemoryIndex zeroes
// those vectors, so "hunter2" is ranked by its words alone.
import { Bm25Index } from './bm25.ts';
import { pickSentenceByTerms } from './sentences.ts';
import { stem, STOPWORDS, terms as contentTerms, words } from './tokenize.ts';

export type Method = 'bm25' | 'vector' | 'hybrid';

const WHOLE_WEIGHT = 0.3;
const BM25_WEIGHT = 0.05;
const BM25_HALF = 2;

/** One searchable item as the ranker sees it. */
export interface RankDoc {
  id: string;
  kind: string;
  /** The indexed text (title and body). */
  text: string;
  sentences: string[];
  /** Whole-text vector (unit length), or null when not embedded (yet). */
  vector: Float32Array | null;
  /** Passage vectors, one per row (dims each), or null when the text is one passage. */
  passages: Float32Array | null;
  /** passage row → index in `sentences`. */
  sentenceOf: number[];
}

export interface RankOptions {
  method: Method;
  limit: number;
  /** BM25 index whose slots are indexes into `docs`; built from the docs when absent. */
  bm25?: Bm25Index;
  filter?: (doc: RankDoc) => boolean;
}

export interface RankResult {
  id: string;
  kind: string;
  score: number;
  bm25: number;
  /** The semantic similarity used (0 when the method or the doc has no vector). */
  cosine: number;
  /** Query words (as typed) that the item contains, up to stemming. */
  matchedTerms: string[];
  /** The sentence of the item that best answers the query. */
  sentence: string;
  /** e.g. `words "wifi", "password" · meaning 0.62` */
  why: string;
  method: Method;
}

/**
 * Ranks `docs` (holes allowed: removed slots) for `query`. `queryVec` is the query's unit
 * vector; with none (no model loaded) every method falls back to keyword ranking.
 */
export function rank(query: string, queryVec: Float32Array | null, docs: readonly (RankDoc | undefined)[], options: RankOptions): RankResult[] {
  const method: Method = queryVec ? options.method : 'bm25';
  const bm25 = options.bm25 ?? buildBm25(docs);
  const queryTerms = contentTerms(query);
  const keyword = bm25.score(queryTerms, new Float32Array(docs.length));

  const top = new TopK(Math.max(0, options.limit));
  const semantic = new Float32Array(docs.length);
  const best = new Int32Array(docs.length).fill(-1); // best passage per doc, -1 = whole note
  for (let slot = 0; slot < docs.length; slot++) {
    const doc = docs[slot];
    if (!doc || (options.filter && !options.filter(doc))) continue;
    let score: number;
    if (method === 'bm25') {
      score = keyword[slot];
      if (score <= 0) continue;
    } else {
      if (doc.vector && queryVec) {
        const whole = dot(queryVec, doc.vector, 0);
        if (method === 'vector') semantic[slot] = whole;
        else {
          let part = whole;
          const rows = doc.passages;
          if (rows) {
            for (let row = 0, offset = 0; offset < rows.length; row++, offset += queryVec.length) {
              const cos = dot(queryVec, rows, offset);
              if (cos > part) {
                part = cos;
                best[slot] = row;
              }
            }
          }
          semantic[slot] = WHOLE_WEIGHT * whole + (1 - WHOLE_WEIGHT) * part;
        }
      }
      score = semantic[slot];
      if (method === 'hybrid') score += (BM25_WEIGHT * keyword[slot]) / (keyword[slot] + BM25_HALF);
      if (score <= 0 && keyword[slot] <= 0) continue;
    }
    top.push(slot, score);
  }

  const queryStems = new Set(queryTerms);
  return top.sorted().map(({ slot, score }) => {
    const doc = docs[slot]!;
    const matched = matchedWords(query, doc.text);
    const row = best[slot];
    const sentenceIndex = row >= 0 ? doc.sentenceOf[row] : pickSentenceByTerms(doc.sentences, queryStems, (t) => bm25.idf(t));
    const cosine = method === 'bm25' ? 0 : semantic[slot];
    return {
      id: doc.id,
      kind: doc.kind,
      score,
      bm25: keyword[slot],
      cosine,
      matchedTerms: matched,
      sentence: doc.sentences[sentenceIndex] ?? doc.text,
      why: explain(matched, method === 'bm25' ? null : cosine),
      method,
    };
  });
}

/** A BM25 index over docs by position, for callers without a prebuilt one. */
export function buildBm25(docs: readonly (RankDoc | undefined)[]): Bm25Index {
  const index = new Bm25Index();
  docs.forEach((doc, slot) => doc && index.set(slot, doc.text));
  return index;
}

function explain(matched: string[], cosine: number | null): string {
  const parts: string[] = [];
  if (matched.length) parts.push(`word${matched.length > 1 ? 's' : ''} ${matched.map((w) => `"${w}"`).join(', ')}`);
  if (cosine !== null) parts.push(`meaning ${cosine.toFixed(2)}`);
  return parts.join(' · ') || 'no direct match';
}

/** Query words (lowercased, stopwords dropped, each once) whose stem occurs in the text. */
function matchedWords(query: string, text: string): string[] {
  const stems = new Set(contentTerms(text));
  const out: string[] = [];
  for (const word of words(query)) {
    if (!STOPWORDS.has(word) && stems.has(stem(word)) && !out.includes(word)) out.push(word);
  }
  return out;
}

/** a · b[offset…]: unrolled by four (about 1.5× faster in V8; this loop is most of a search). */
function dot(a: Float32Array, b: Float32Array, offset: number): number {
  const n = a.length;
  const end4 = n - (n % 4);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i < end4; i += 4) {
    s0 += a[i] * b[offset + i];
    s1 += a[i + 1] * b[offset + i + 1];
    s2 += a[i + 2] * b[offset + i + 2];
    s3 += a[i + 3] * b[offset + i + 3];
  }
  for (; i < n; i++) s0 += a[i] * b[offset + i];
  return s0 + s1 + s2 + s3;
}

/** The best `k` (slot, score) pairs without sorting every candidate; ties keep slot order. */
class TopK {
  private items: { slot: number; score: number }[] = [];
  constructor(private k: number) {}

  push(slot: number, score: number): void {
    const items = this.items;
    if (items.length === this.k && (this.k === 0 || score <= items[items.length - 1].score)) return;
    let i = items.length;
    while (i > 0 && items[i - 1].score < score) i--;
    items.splice(i, 0, { slot, score });
    if (items.length > this.k) items.pop();
  }

  sorted(): { slot: number; score: number }[] {
    return this.items;
  }
}
