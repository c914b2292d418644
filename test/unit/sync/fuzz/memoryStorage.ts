// An automerge-repo StorageAdapter over a Map (keys compared as arrays, not as joined
// strings), for the convergence fuzz: IndexedDB through fake-indexeddb costs several event
// loop turns per transaction. `copy()` gives a second adapter over a snapshot of the bytes,
// which is what "save, then load in a fresh repo" opens.
import type { Chunk, StorageAdapterInterface, StorageKey } from '@automerge/automerge-repo/slim';

const SEP = '\u0000';

export class MemoryStorage implements StorageAdapterInterface {
  readonly data = new Map<string, Uint8Array>();

  async load(key: StorageKey): Promise<Uint8Array | undefined> {
    const bytes = this.data.get(key.join(SEP));
    return bytes && bytes.slice();
  }

  async save(key: StorageKey, data: Uint8Array): Promise<void> {
    this.data.set(key.join(SEP), data.slice());
  }

  async remove(key: StorageKey): Promise<void> {
    this.data.delete(key.join(SEP));
  }

  async loadRange(prefix: StorageKey): Promise<Chunk[]> {
    return [...this.#matching(prefix)].map(([k, data]) => ({ key: k.split(SEP), data: data.slice() }));
  }

  async removeRange(prefix: StorageKey): Promise<void> {
    for (const [k] of [...this.#matching(prefix)]) this.data.delete(k);
  }

  /** A new adapter holding a copy of every key and value saved so far. */
  copy(): MemoryStorage {
    const other = new MemoryStorage();
    for (const [k, v] of this.data) other.data.set(k, v.slice());
    return other;
  }

  *#matching(prefix: StorageKey): Iterable<[string, Uint8Array]> {
    if (prefix.length === 0) {
      yield* this.data;
      return;
    }
    const whole = prefix.join(SEP);
    const start = whole + SEP;
    for (const entry of this.data) if (entry[0] === whole || entry[0].startsWith(start)) yield entry;
  }
}
