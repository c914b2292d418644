// A plain-JSON projection of every note, kept in its own IndexedDB database.
//
// Why: the Automerge documents are the truth, but loading 10,000 of them to draw a
// list is far too slow (NOTES-platform.md). This index is derived data: it is written
// whenever a note document changes and it can always be rebuilt from the documents.
// The list, the keyword filter and the backlinks read it from memory.

import { openDB, type IDBPDatabase } from 'idb';

export interface NoteRecord {
  id: string;
  /** Automerge heads of the document this record was made from. */
  heads: string;
  title: string;
  body: string;
  tags: string[];
  pinned: boolean;
  archived: boolean;
  deleted: boolean;
  created: number;
  updated: number;
  links: Record<string, string>;
  tooNew: boolean;
}

const NOTES = 'notes';
const META = 'meta';

export class NoteIndex {
  readonly records = new Map<string, NoteRecord>();
  #db: Promise<IDBPDatabase>;
  #writes = new Map<string, Promise<void>>();
  #loaded: Promise<void> | null = null;
  /** The batch waiting for the write in flight; null once its transaction has started. */
  #pending: { records: Map<string, NoteRecord>; write: Promise<void> } | null = null;
  #idle: Promise<void> = Promise.resolve();

  constructor(dbName = 'jarvis-index') {
    this.#db = openDB(dbName, 1, {
      upgrade(db) {
        db.createObjectStore(NOTES, { keyPath: 'id' });
        db.createObjectStore(META);
      },
    });
  }

  /** Reads every record into memory once (one getAll: fast even for 10,000 notes). */
  load(): Promise<void> {
    this.#loaded ??= this.#db.then(async (db) => {
      const all = (await db.getAll(NOTES)) as NoteRecord[];
      // A record put while this read ran is newer than what the read returned.
      for (const record of all) if (!this.records.has(record.id)) this.records.set(record.id, record);
    });
    return this.#loaded;
  }

  get(id: string): NoteRecord | undefined {
    return this.records.get(id);
  }

  /** Updates memory now; the returned promise resolves once IndexedDB has committed. */
  put(record: NoteRecord): Promise<void> {
    return this.putMany([record]);
  }

  /**
   * Records put while a write is in flight are written together in the next transaction
   * (one per batch instead of one per note during a sync); each promise still resolves
   * only once the transaction holding its records has committed.
   */
  putMany(records: NoteRecord[]): Promise<void> {
    for (const record of records) this.records.set(record.id, record);
    if (!this.#pending) {
      const pending = new Map<string, NoteRecord>();
      const write = this.#idle.then(() => this.#db).then(async (db) => {
        if (this.#pending?.records === pending) this.#pending = null;
        const tx = db.transaction(NOTES, 'readwrite');
        for (const record of pending.values()) void tx.store.put(record);
        await tx.done;
      });
      this.#pending = { records: pending, write };
      this.#idle = write.catch(() => undefined);
    }
    const { records: pending, write } = this.#pending;
    for (const record of records) {
      pending.set(record.id, record);
      this.#writes.set(record.id, write);
    }
    return write;
  }

  /** Resolves once the latest write of this record is committed. */
  written(id: string): Promise<void> {
    return this.#writes.get(id) ?? Promise.resolve();
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    return (await (await this.#db).get(META, key)) as T | undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    await (await this.#db).put(META, value, key);
  }

  async close(): Promise<void> {
    (await this.#db).close();
  }
}
