// Where memory vectors persist: IndexedDB in the app (DB "jarvis-memory"), a Map in tests and
// eval scripts. One record per memory item, keyed by its id; `hash` is the hash of model id +
// passage version + text that the vectors were computed from, so MemoryIndex re-embeds an
// item exactly when its text, the model or the passage splitting changed.
import { openDB, type IDBPDatabase } from 'idb';

export interface VectorRecord {
  id: string;
  hash: string;
  modelId: string;
  dims: number;
  /** Row 0: the whole text; rows 1…: its passages (sentences.ts), `dims` floats each. */
  vectors: Float32Array;
  updated: number;
}

export interface VectorStore {
  getAll(): Promise<VectorRecord[]>;
  put(records: VectorRecord[]): Promise<void>;
  delete(ids: string[]): Promise<void>;
  clear(): Promise<void>;
}

export class InMemoryVectorStore implements VectorStore {
  readonly records = new Map<string, VectorRecord>();

  async getAll(): Promise<VectorRecord[]> {
    return [...this.records.values()];
  }
  async put(records: VectorRecord[]): Promise<void> {
    for (const record of records) this.records.set(record.id, record);
  }
  async delete(ids: string[]): Promise<void> {
    for (const id of ids) this.records.delete(id);
  }
  async clear(): Promise<void> {
    this.records.clear();
  }
}

const DB_NAME = 'jarvis-memory';
const STORE = 'vectors';

export class IdbVectorStore implements VectorStore {
  private db: Promise<IDBPDatabase>;

  constructor(name = DB_NAME) {
    this.db = openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore(STORE, { keyPath: 'id' });
      },
    });
  }

  async getAll(): Promise<VectorRecord[]> {
    const rows = (await (await this.db).getAll(STORE)) as VectorRecord[];
    // Typed arrays survive structured cloning; an ArrayBuffer (older or foreign writers) is wrapped.
    return rows.map((row) => (row.vectors instanceof Float32Array ? row : { ...row, vectors: new Float32Array(row.vectors as ArrayBufferLike) }));
  }

  /** One transaction for the batch: a crash leaves either all of it or none. */
  async put(records: VectorRecord[]): Promise<void> {
    if (records.length === 0) return;
    const tx = (await this.db).transaction(STORE, 'readwrite');
    await Promise.all([...records.map((record) => tx.store.put(record)), tx.done]);
  }

  async delete(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const tx = (await this.db).transaction(STORE, 'readwrite');
    await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
  }

  async clear(): Promise<void> {
    await (await this.db).clear(STORE);
  }

  async close(): Promise<void> {
    (await this.db).close();
  }
}
