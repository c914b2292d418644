// Sensor samples, outside Automerge: a recording's rows are stored in chunks in their own
// IndexedDB database ('jarvis-samples'), keyed [sessionId, chunkIndex]. Each chunk is
// written by one put in one transaction, so after a crash a chunk is either all there or
// absent — never half written. Chunks are immutable once written (a re-put of the same
// chunk, as a backup import does, writes the same bytes).
//
// Why not Automerge: 60 rows a second of a dozen floats is ~2.5 MB an hour as typed
// arrays; as Automerge list elements it would be many times that, and sample rows are
// append-only by one writer, so a CRDT buys nothing. The session's metadata is the
// syncable Automerge document (recordingsStore.ts).

import { openDB, type IDBPDatabase } from 'idb';

export interface SampleChunk {
  session: string;
  /** 0, 1, 2… in write order. */
  index: number;
  /** The row number of this chunk's first row within the session. */
  start: number;
  /** start + rows: lets a reader find the chunks holding rows ≥ N through an index. */
  end: number;
  channels: number;
  /** Tick times, epoch ms, one per row. */
  t: Float64Array;
  /** rows × channels, row-major; NaN where a channel had no reading. */
  values: Float32Array;
}

export const SAMPLES_DB = 'jarvis-samples';
const CHUNKS = 'chunks';
const BY_END = 'byEnd';

export class SampleChunks {
  #db: Promise<IDBPDatabase>;

  constructor(dbName = SAMPLES_DB) {
    this.#db = openDB(dbName, 1, {
      upgrade(db) {
        const store = db.createObjectStore(CHUNKS, { keyPath: ['session', 'index'] });
        store.createIndex(BY_END, ['session', 'end']);
      },
    });
  }

  /** One transaction per chunk: resolves once committed (all of it, or it throws and none of it is there). */
  async put(chunk: SampleChunk): Promise<void> {
    const db = await this.#db;
    const tx = db.transaction(CHUNKS, 'readwrite');
    await Promise.all([tx.store.put(chunk), tx.done]);
  }

  /** Many chunks in one transaction (backup import). */
  async putMany(chunks: SampleChunk[]): Promise<void> {
    if (chunks.length === 0) return;
    const db = await this.#db;
    const tx = db.transaction(CHUNKS, 'readwrite');
    await Promise.all([...chunks.map((chunk) => tx.store.put(chunk)), tx.done]);
  }

  /** A session's chunks holding rows ≥ `fromRow`, in order. */
  async read(session: string, fromRow = 0): Promise<SampleChunk[]> {
    const db = await this.#db;
    const range = IDBKeyRange.bound([session, fromRow], [session, Infinity], true, false);
    const chunks = (await db.getAllFromIndex(CHUNKS, BY_END, range)) as SampleChunk[];
    return chunks.sort((a, b) => a.index - b.index);
  }

  /** How many rows and chunks a session has stored (the last chunk tells). */
  async extent(session: string): Promise<{ rows: number; chunks: number }> {
    const db = await this.#db;
    const range = IDBKeyRange.bound([session, -Infinity], [session, Infinity]);
    const cursor = await db.transaction(CHUNKS).store.openCursor(range, 'prev');
    const last = cursor?.value as SampleChunk | undefined;
    return last ? { rows: last.end, chunks: last.index + 1 } : { rows: 0, chunks: 0 };
  }

  async remove(session: string): Promise<void> {
    const db = await this.#db;
    await db.delete(CHUNKS, IDBKeyRange.bound([session, -Infinity], [session, Infinity]));
  }

  async close(): Promise<void> {
    (await this.#db).close();
  }
}
