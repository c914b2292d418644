// Semantic memory over notes, tasks and conversation turns. Host-neutral (a worker wraps it):
// text goes into a BM25 index at once, so keyword search works immediately; vectors are
// computed in the background in small batches, persisted through a VectorStore and reused
// on the next start when the item's hash (model id + passage version + text) is unchanged.
// With no embedder (model not loaded) it is a keyword-only index that still quotes sentences.
import type { Embed } from '../inference/embed.ts';
import { BUILT_IN_EMBEDDING_MODEL } from '../inference/embed.ts';
import { Bm25Index } from './bm25.ts';
import { rank, type Method, type RankDoc, type RankResult } from './hybrid.ts';
import { PASSAGE_VERSION, splitPassages } from './sentences.ts';
import type { VectorRecord, VectorStore } from './vectorStore.ts';

export type MemoryKind = 'note' | 'task' | 'turn';

export interface MemoryItem {
  id: string;
  kind: MemoryKind;
  text: string;
  title?: string;
  updated: number;
}

export interface MemoryHit extends RankResult {
  kind: MemoryKind;
  /** The item's title, when it has one. */
  title?: string;
}

export interface SearchOptions {
  limit?: number;
  kinds?: MemoryKind[];
  /** Default: hybrid with a model, bm25 without. */
  method?: Method;
}

export interface MemoryProgress {
  /** Items embedded since the queue was last empty, out of `total` queued in that time. */
  done: number;
  total: number;
}

export interface MemoryStats {
  items: number;
  embedded: number;
  pending: number;
  paused: boolean;
  keywordOnly: boolean;
  modelId: string;
  dims: number | null;
  progress: MemoryProgress;
  lastError: string | null;
}

export interface MemoryIndexOptions {
  embed: Embed | null;
  store: VectorStore;
  /** The model behind `embed`; vectors stored under another id are recomputed. */
  modelId?: string;
  /** Items per embedding call; the index yields to other work between batches. */
  batchSize?: number;
}

/** A text with no real word: its vector is the model's "nothing known" direction. */
export const NO_MEANING_PROBE = 'zqxjv qvzxk';

/** Cosine above which a vector counts as "no known words" (see `meaningless`). */
const MEANINGLESS_COS = 0.98;

interface Doc extends RankDoc {
  kind: MemoryKind;
  title?: string;
  hash: string;
  updated: number;
  passageTexts: string[];
}

export class MemoryIndex {
  private readonly embed: Embed | null;
  private readonly store: VectorStore;
  readonly modelId: string;
  private readonly batchSize: number;

  /** Slot-addressed items (holes are free slots) and the BM25 index over the same slots. */
  private docs: (Doc | undefined)[] = [];
  private slotOf = new Map<string, number>();
  private freeSlots: number[] = [];
  private bm25 = new Bm25Index();

  /** Stored records not yet claimed by an upsert, by id (loaded once, lazily). */
  private stored: Promise<Map<string, VectorRecord>> | null = null;
  /** id → the hash it was queued with, in queue order. */
  private queue = new Map<string, string>();
  private draining = false;
  private paused = false;
  private idleWaiters: (() => void)[] = [];
  private progressCounts: MemoryProgress = { done: 0, total: 0 };
  private dims: number | null = null;
  private lastError: string | null = null;
  private noMeaning: Promise<Float32Array | null> | null = null;

  constructor(options: MemoryIndexOptions) {
    this.embed = options.embed;
    this.store = options.store;
    this.modelId = options.modelId ?? BUILT_IN_EMBEDDING_MODEL;
    this.batchSize = options.batchSize ?? 32;
  }

  /**
   * Adds or updates items. Keyword search sees them when this returns to the event loop; the
   * promise resolves once every queued item is embedded and stored (never while paused).
   */
  async upsert(items: MemoryItem[]): Promise<void> {
    const stored = await this.loadStored();
    for (const item of items) {
      const text = item.title?.trim() ? `${item.title.trim()}\n${item.text}` : item.text;
      const hash = contentHash(`${this.modelId}\u0000${PASSAGE_VERSION}\u0000${text}`);
      const slot = this.slotOf.get(item.id);
      const current = slot === undefined ? undefined : this.docs[slot];
      if (current && current.hash === hash) {
        current.kind = item.kind;
        current.title = item.title;
        current.updated = item.updated;
        continue;
      }
      const { sentences, passages, sentenceOf } = splitPassages(text);
      const doc: Doc = { id: item.id, kind: item.kind, title: item.title, text, sentences, sentenceOf, passageTexts: passages, hash, updated: item.updated, vector: null, passages: null };
      this.place(doc);
      this.dequeue(item.id);
      const record = stored.get(item.id);
      stored.delete(item.id);
      if (record && record.hash === hash && record.modelId === this.modelId) this.attach(doc, record.vectors, record.dims);
      else if (this.embed && text.trim()) {
        this.queue.set(item.id, hash);
        this.progressCounts.total++;
      }
    }
    void this.drain();
    return this.whenIdle();
  }

  async remove(ids: string[]): Promise<void> {
    const stored = await this.loadStored();
    for (const id of ids) {
      stored.delete(id);
      this.dequeue(id);
      const slot = this.slotOf.get(id);
      if (slot === undefined) continue;
      this.slotOf.delete(id);
      this.docs[slot] = undefined;
      this.bm25.delete(slot);
      this.freeSlots.push(slot);
    }
    await this.store.delete(ids);
  }

  async search(query: string, options: SearchOptions = {}): Promise<MemoryHit[]> {
    await this.loadStored();
    if (!query.trim()) return [];
    const method = options.method ?? (this.embed ? 'hybrid' : 'bm25');
    let queryVec: Float32Array | null = null;
    if (this.embed && method !== 'bm25' && this.dims !== null) {
      const [vec] = await this.embed([query]);
      // NaN (no tokens) or nothing the model knows ("hunter2"): rank by the words alone.
      if (vec && vec.length === this.dims && Number.isFinite(vec[0]) && !(await this.meaningless(vec))) queryVec = vec;
    }
    const kinds = options.kinds;
    const results = rank(query, queryVec, this.docs, {
      method,
      limit: options.limit ?? 10,
      bm25: this.bm25,
      filter: kinds ? (doc) => kinds.includes((doc as Doc).kind) : undefined,
    });
    return results.map((result) => {
      const doc = this.docs[this.slotOf.get(result.id)!]!;
      return { ...result, kind: doc.kind, ...(doc.title ? { title: doc.title } : {}) };
    });
  }

  /** Ids of every indexed item (to find the ones deleted elsewhere). */
  ids(): string[] {
    return [...this.slotOf.keys()];
  }

  /** Battery saver: stops background embedding after the current batch (search still works). */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    void this.drain();
  }

  get progress(): MemoryProgress {
    return { ...this.progressCounts };
  }

  /** Resolves when nothing is waiting to be embedded. */
  whenIdle(): Promise<void> {
    if (this.queue.size === 0 && !this.draining) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stats(): MemoryStats {
    let items = 0;
    let embedded = 0;
    for (const doc of this.docs) {
      if (!doc) continue;
      items++;
      if (doc.vector) embedded++;
    }
    return {
      items,
      embedded,
      pending: this.queue.size,
      paused: this.paused,
      keywordOnly: this.embed === null,
      modelId: this.modelId,
      dims: this.dims,
      progress: this.progress,
      lastError: this.lastError,
    };
  }

  private loadStored(): Promise<Map<string, VectorRecord>> {
    // Vectors of another model are left out here, so those items are embedded again.
    this.stored ??= this.store.getAll().then((records) => new Map(records.filter((r) => r.modelId === this.modelId).map((r) => [r.id, r])));
    return this.stored;
  }

  /**
   * Whether a vector is the one the model gives a text with no word it knows. For the built-in
   * word-level model every such text ("hunter2", "27-14-3") maps to the same [UNK] direction, so
   * those vectors would all match each other perfectly while meaning nothing. The reference is
   * the vector of a nonsense word, so this needs no knowledge of the model's vocabulary.
   */
  private async meaningless(vec: Float32Array): Promise<boolean> {
    this.noMeaning ??= this.embed!([NO_MEANING_PROBE]).then(
      ([ref]) => (ref && ref.every(Number.isFinite) ? ref : null),
      () => null,
    );
    const ref = await this.noMeaning;
    if (!ref || ref.length !== vec.length) return false;
    let cos = 0;
    for (let i = 0; i < vec.length; i++) cos += ref[i] * vec[i];
    return cos > MEANINGLESS_COS;
  }

  /** Drops a queued item (edited or removed before its turn); it counts as done for progress. */
  private dequeue(id: string): void {
    if (this.queue.delete(id)) this.progressCounts.done++;
  }

  private place(doc: Doc): void {
    let slot = this.slotOf.get(doc.id);
    if (slot === undefined) {
      slot = this.freeSlots.pop() ?? this.docs.length;
      this.slotOf.set(doc.id, slot);
    }
    this.docs[slot] = doc;
    this.bm25.set(slot, doc.text);
  }

  /** Row 0 is the whole text, the rest its passages; a row count that does not fit means re-embed. */
  private attach(doc: Doc, vectors: Float32Array, dims: number): boolean {
    if (vectors.length !== dims * (1 + doc.passageTexts.length) || (this.dims !== null && dims !== this.dims)) {
      if (this.embed) {
        this.queue.set(doc.id, doc.hash);
        this.progressCounts.total++;
      }
      return false;
    }
    this.dims = dims;
    doc.vector = vectors.subarray(0, dims);
    doc.passages = doc.passageTexts.length ? vectors.subarray(dims) : null;
    return true;
  }

  private async drain(): Promise<void> {
    if (this.draining || !this.embed) return;
    this.draining = true;
    try {
      while (this.queue.size > 0 && !this.paused) {
        const batch: Doc[] = [];
        for (const [id, hash] of this.queue) {
          if (batch.length === this.batchSize) break;
          this.queue.delete(id);
          const slot = this.slotOf.get(id);
          const doc = slot === undefined ? undefined : this.docs[slot];
          if (doc && doc.hash === hash) batch.push(doc);
          else this.progressCounts.done++;
        }
        if (batch.length) await this.embedBatch(batch);
        // Let searches and new upserts in between batches.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } finally {
      this.draining = false;
      if (this.queue.size === 0) {
        this.progressCounts = { done: 0, total: 0 };
        for (const resolve of this.idleWaiters.splice(0)) resolve();
      }
    }
  }

  private async embedBatch(batch: Doc[]): Promise<void> {
    const texts = batch.flatMap((doc) => [doc.text, ...doc.passageTexts]);
    let vectors: Float32Array[];
    try {
      vectors = await this.embed!(texts);
    } catch (error) {
      // Those items stay keyword-only until their next edit or the next start.
      this.lastError = (error as Error).message ?? String(error);
      this.progressCounts.done += batch.length;
      return;
    }
    const records: VectorRecord[] = [];
    let row = 0;
    for (const doc of batch) {
      const rows = vectors.slice(row, row + 1 + doc.passageTexts.length);
      row += rows.length;
      this.progressCounts.done++;
      const dims = rows[0]?.length ?? 0;
      const slot = this.slotOf.get(doc.id);
      // Edited or removed while the batch was embedding: that result is stale.
      if (slot === undefined || this.docs[slot] !== doc || dims === 0) continue;
      const packed = new Float32Array(dims * rows.length);
      // Rows of unknown words only (a code, a number) are left at zero: no meaning to match.
      for (let i = 0; i < rows.length; i++) if (!(await this.meaningless(rows[i]))) packed.set(rows[i], i * dims);
      if (this.attach(doc, packed, dims)) {
        records.push({ id: doc.id, hash: doc.hash, modelId: this.modelId, dims, vectors: packed, updated: doc.updated });
      }
    }
    await this.store.put(records);
  }
}

/** 64-bit FNV-1a (as two 32-bit lanes) in hex: a change detector, not a security hash. */
export function contentHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
