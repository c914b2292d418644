// An automerge-repo storage adapter for IndexedDB that does fewer, larger transactions.
//
// Same database layout as @automerge/automerge-repo-storage-indexeddb (database version 1,
// one object store "documents", out-of-line key = the key array, value {key, binary}), so
// data written by either adapter loads with the other.
//
// Why: a device joining sync receives ~1,000 new documents; the stock adapter opened one
// transaction per load (always a miss on a fresh device), per sync-state load and per save.
// Here:
// - Known documents: one getAllKeys at start gives the set of document ids (first key
//   part) in storage; it grows on every save. A load/loadRange for an id not in the set
//   answers at once, with no transaction. The set may hold ids that are gone (never wrong,
//   only slower); it never lacks an id this adapter wrote. Other tabs announce ids they add
//   over a BroadcastChannel; a miss caused by that race only means the document comes over
//   the tab network instead of from disk (Automerge merges, nothing is lost).
// - Write batching: saves/removes are queued; the queue is written in ONE readwrite
//   transaction, started on the next microtask when no write is in flight, else as soon as
//   the one in flight completes (so batches grow with load and add no timer delay). Each
//   call resolves only when its transaction has completed (repo.flush() still means "on
//   disk") and rejects if it fails.
// - Reads after writes: a read first starts the transaction for any queued writes; an
//   IndexedDB read created after an overlapping readwrite transaction sees its result.

import type { Chunk, StorageAdapterInterface, StorageKey } from '@automerge/automerge-repo/slim';

type Op =
  | { kind: 'put'; key: StorageKey; data: Uint8Array }
  | { kind: 'delete'; key: StorageKey }
  | { kind: 'deleteRange'; prefix: StorageKey };

interface Queued {
  op: Op;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface BatchedStorageStats {
  /** Readwrite transactions started. */
  writeTransactions: number;
  /** Reads answered from the known-documents set without a transaction. */
  knownMisses: number;
}

export class BatchedIndexedDBStorageAdapter implements StorageAdapterInterface {
  readonly stats: BatchedStorageStats = { writeTransactions: 0, knownMisses: 0 };
  readonly #store: string;
  readonly #ready: Promise<IDBDatabase>;
  readonly #known = new Set<string>();
  #queue: Queued[] = [];
  #scheduled = false;
  #inFlight = 0;
  #channel: BroadcastChannel | null = null;

  constructor(database = 'automerge', store = 'documents') {
    this.#store = store;
    if (typeof BroadcastChannel !== 'undefined') {
      this.#channel = new BroadcastChannel(`${database}:${store}:known-documents`);
      this.#channel.onmessage = (event: MessageEvent<unknown>) => {
        if (typeof event.data === 'string') this.#known.add(event.data);
      };
    }
    this.#ready = openDatabase(database, store).then(async (db) => {
      const keys = await request(db.transaction(store).objectStore(store).getAllKeys());
      for (const key of keys) if (Array.isArray(key) && typeof key[0] === 'string') this.#known.add(key[0]);
      return db;
    });
  }

  async load(key: StorageKey): Promise<Uint8Array | undefined> {
    const db = await this.#ready;
    if (key.length > 0 && !this.#known.has(key[0]!)) {
      this.stats.knownMisses++;
      return undefined;
    }
    this.#startQueued(db);
    const value: unknown = await request(db.transaction(this.#store).objectStore(this.#store).get(key));
    return value && typeof value === 'object' && 'binary' in value ? (value.binary as Uint8Array) : undefined;
  }

  async loadRange(prefix: StorageKey): Promise<Chunk[]> {
    const db = await this.#ready;
    if (prefix.length > 0 && !this.#known.has(prefix[0]!)) {
      this.stats.knownMisses++;
      return [];
    }
    this.#startQueued(db);
    const range = IDBKeyRange.bound(prefix, [...prefix, '\uffff']);
    const tx = db.transaction(this.#store);
    const store = tx.objectStore(this.#store);
    const [keys, values] = await Promise.all([request(store.getAllKeys(range)), request(store.getAll(range))]);
    return keys.map((key, i) => ({ key: key as StorageKey, data: (values[i] as { binary: Uint8Array }).binary }));
  }

  save(key: StorageKey, data: Uint8Array): Promise<void> {
    if (key.length > 0 && !this.#known.has(key[0]!)) {
      this.#known.add(key[0]!);
      this.#channel?.postMessage(key[0]);
    }
    return this.#enqueue({ kind: 'put', key, data });
  }

  remove(key: StorageKey): Promise<void> {
    return this.#enqueue({ kind: 'delete', key });
  }

  removeRange(prefix: StorageKey): Promise<void> {
    // The known set is left as it is: "maybe present" is always safe.
    return this.#enqueue({ kind: 'deleteRange', prefix });
  }

  /** Closes the database once queued writes are committed (tests, shutdown). */
  async close(): Promise<void> {
    const db = await this.#ready;
    await this.#drained();
    this.#channel?.close();
    db.close();
  }

  async #drained(): Promise<void> {
    while (this.#queue.length > 0 || this.#inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 1));
  }

  #enqueue(op: Op): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ op, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#inFlight > 0) return;
    this.#scheduled = true;
    void this.#ready.then(
      (db) => {
        this.#scheduled = false;
        if (this.#inFlight === 0) this.#startQueued(db);
      },
      (error: unknown) => {
        this.#scheduled = false;
        this.#failAll(error);
      },
    );
  }

  /** Writes everything queued in one readwrite transaction (nothing if the queue is empty). */
  #startQueued(db: IDBDatabase): void {
    if (this.#queue.length === 0) return;
    const batch = this.#queue;
    this.#queue = [];
    let tx: IDBTransaction;
    try {
      tx = db.transaction(this.#store, 'readwrite');
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    this.#inFlight++;
    this.stats.writeTransactions++;
    const store = tx.objectStore(this.#store);
    const failed = new Set<Queued>();
    for (const item of batch) {
      try {
        const { op } = item;
        if (op.kind === 'put') store.put({ key: op.key, binary: op.data }, op.key);
        else if (op.kind === 'delete') store.delete(op.key);
        else store.delete(IDBKeyRange.bound(op.prefix, [...op.prefix, '\uffff']));
      } catch (error) {
        // A bad key or value throws here without aborting the transaction.
        failed.add(item);
        item.reject(error);
      }
    }
    const settle = (error: unknown): void => {
      this.#inFlight--;
      for (const item of batch) {
        if (failed.has(item)) continue;
        if (error === undefined) item.resolve();
        else item.reject(error);
      }
      if (this.#queue.length > 0) this.#schedule();
    };
    tx.oncomplete = () => settle(undefined);
    tx.onabort = () => settle(tx.error ?? new DOMException('Transaction aborted', 'AbortError'));
  }

  #failAll(error: unknown): void {
    const batch = this.#queue;
    this.#queue = [];
    for (const item of batch) item.reject(error);
  }
}

function openDatabase(name: string, store: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      if (!open.result.objectStoreNames.contains(store)) open.result.createObjectStore(store);
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
