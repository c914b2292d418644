// Okapi BM25 over content terms (tokenize.ts), with postings so a query only touches the
// documents that share a term with it: 10,000 notes cost a few thousand additions, not a scan.
// Documents live in numbered slots (MemoryIndex reuses the slots of removed items).
import { terms as contentTerms } from './tokenize.ts';

const K1 = 1.2;
const B = 0.75;

export class Bm25Index {
  /** term → (slot → term frequency). */
  private postings = new Map<string, Map<number, number>>();
  /** slot → its distinct terms (to un-index it) and its length in terms. */
  private docTerms = new Map<number, string[]>();
  private lengths: number[] = [];
  private totalLength = 0;

  get size(): number {
    return this.docTerms.size;
  }

  /** Indexes (or re-indexes) a slot from its text's content terms. */
  set(slot: number, text: string): void {
    this.delete(slot);
    const terms = contentTerms(text);
    const tf = new Map<string, number>();
    for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
    for (const [term, count] of tf) {
      let list = this.postings.get(term);
      if (!list) this.postings.set(term, (list = new Map()));
      list.set(slot, count);
    }
    this.docTerms.set(slot, [...tf.keys()]);
    this.lengths[slot] = terms.length;
    this.totalLength += terms.length;
  }

  delete(slot: number): void {
    const own = this.docTerms.get(slot);
    if (!own) return;
    for (const term of own) {
      const list = this.postings.get(term);
      if (list?.delete(slot) && list.size === 0) this.postings.delete(term);
    }
    this.docTerms.delete(slot);
    this.totalLength -= this.lengths[slot];
    this.lengths[slot] = 0;
  }

  /** Inverse document frequency (BM25+ style, never negative). */
  idf(term: string): number {
    const df = this.postings.get(term)?.size ?? 0;
    const n = this.docTerms.size;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * Scores every slot that shares a term with the query. `scores[slot]` is the BM25 score
   * (0 elsewhere); a repeated query term counts once, as users repeat words for emphasis.
   */
  score(queryTerms: string[], scores: Float32Array): Float32Array {
    scores.fill(0);
    const avgLength = this.totalLength / Math.max(1, this.docTerms.size) || 1;
    for (const term of new Set(queryTerms)) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term);
      for (const [slot, tf] of list) {
        const norm = K1 * (1 - B + (B * this.lengths[slot]) / avgLength);
        scores[slot] += (idf * tf * (K1 + 1)) / (tf + norm);
      }
    }
    return scores;
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }
}
