import { describe, expect, it } from 'vitest';
import { MemoryIndex } from '../../../workers/memory/memoryIndex.ts';
import { IdbVectorStore, type VectorRecord } from '../../../workers/memory/vectorStore.ts';
import { counting, realModel } from './helpers.ts';

let dbCount = 0;
const freshName = () => `jarvis-memory-test-${++dbCount}`;
const record = (id: string, values: number[]): VectorRecord => ({ id, hash: `h-${id}`, modelId: 'm', dims: 2, vectors: new Float32Array(values), updated: 7 });

describe('IdbVectorStore (fake-indexeddb)', () => {
  it('round-trips records with their Float32Array vectors', async () => {
    const store = new IdbVectorStore(freshName());
    await store.put([record('a', [0.6, 0.8, 1, 0]), record('b', [1, 0])]);
    const all = (await store.getAll()).sort((x, y) => x.id.localeCompare(y.id));
    expect(all.map((r) => r.id)).toEqual(['a', 'b']);
    expect(all[0].vectors).toBeInstanceOf(Float32Array);
    expect(Array.from(all[0].vectors)).toEqual([0.6000000238418579, 0.800000011920929, 1, 0]);
    expect(all[0]).toMatchObject({ hash: 'h-a', modelId: 'm', dims: 2, updated: 7 });

    await store.put([record('a', [0, 1])]);
    await store.delete(['b', 'missing']);
    expect((await store.getAll()).map((r) => [r.id, Array.from(r.vectors)])).toEqual([['a', [0, 1]]]);
    await store.clear();
    expect(await store.getAll()).toEqual([]);
    await store.close();
  });

  it('lets a restarted MemoryIndex reuse persisted vectors', async () => {
    const name = freshName();
    const embed = counting(await realModel());
    const first = new IdbVectorStore(name);
    await new MemoryIndex({ embed, store: first }).upsert([{ id: 'n', kind: 'note', text: 'WiFi password is hunter2', updated: 1 }]);
    await first.close();
    embed.calls.length = 0;

    const index = new MemoryIndex({ embed, store: new IdbVectorStore(name) });
    await index.upsert([{ id: 'n', kind: 'note', text: 'WiFi password is hunter2', updated: 1 }]);
    expect(embed.calls).toEqual([]);
    expect(index.stats().embedded).toBe(1);
    expect((await index.search("what's the wireless key"))[0].id).toBe('n');
  });
});
