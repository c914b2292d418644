import { describe, expect, it } from 'vitest';
import { MemoryIndex, type MemoryItem } from '../../../workers/memory/memoryIndex.ts';
import { InMemoryVectorStore } from '../../../workers/memory/vectorStore.ts';
import { counting, realModel } from './helpers.ts';

const items: MemoryItem[] = [
  { id: 'n1', kind: 'note', text: 'Parking: level B2, spot 14', updated: 1 },
  { id: 'n2', kind: 'note', text: "Sarah's birthday is March 3rd", updated: 2 },
  { id: 't1', kind: 'task', text: 'Call the bank about the suspicious charge', updated: 3 },
];
const embeddedTexts = (calls: string[][]) => calls.flat();

describe('MemoryIndex', () => {
  it('embeds each item once, and re-embeds only an edited item', async () => {
    const embed = counting(await realModel());
    const store = new InMemoryVectorStore();
    const index = new MemoryIndex({ embed, store });
    await index.upsert(items);
    expect(embeddedTexts(embed.calls)).toEqual(['Parking: level B2, spot 14', 'Parking', 'level B2, spot 14', "Sarah's birthday is March 3rd", 'Call the bank about the suspicious charge']);
    expect(store.records.size).toBe(3);

    embed.calls.length = 0;
    await index.upsert(items); // unchanged: nothing to do
    await index.upsert([{ ...items[1], text: "Sarah's birthday is March 4th", updated: 5 }]);
    expect(embeddedTexts(embed.calls)).toEqual(["Sarah's birthday is March 4th"]);
    expect(index.stats()).toMatchObject({ items: 3, embedded: 3, pending: 0, keywordOnly: false, dims: 96 });

    // A new index over the same store (the next app start) reuses every stored vector.
    embed.calls.length = 0;
    const restarted = new MemoryIndex({ embed, store });
    await restarted.upsert([...items.slice(0, 1), { ...items[1], text: "Sarah's birthday is March 4th" }, items[2]]);
    expect(embed.calls).toEqual([]);
    expect((await restarted.search('when was my friend born'))[0].id).toBe('n2');
  });

  it('re-embeds everything when the model id changes', async () => {
    const embed = counting(await realModel());
    const store = new InMemoryVectorStore();
    await new MemoryIndex({ embed, store, modelId: 'model-a' }).upsert(items);
    embed.calls.length = 0;
    const upgraded = new MemoryIndex({ embed, store, modelId: 'model-b' });
    await upgraded.upsert(items);
    expect(embeddedTexts(embed.calls)).toHaveLength(5);
    expect([...store.records.values()].every((r) => r.modelId === 'model-b')).toBe(true);
  });

  it('removes items from search and from the store', async () => {
    const store = new InMemoryVectorStore();
    const index = new MemoryIndex({ embed: await realModel(), store });
    await index.upsert(items);
    await index.remove(['n1']);
    expect(index.ids().sort()).toEqual(['n2', 't1']);
    expect((await index.search('parking spot')).map((h) => h.id)).not.toContain('n1');
    expect(store.records.has('n1')).toBe(false);
    await index.upsert([{ id: 'n4', kind: 'note', text: 'Parking is free on Sundays', updated: 9 }]); // reuses the free slot
    expect((await index.search('parking'))[0].id).toBe('n4');
  });

  it('pauses background embedding (battery saver) while keyword search keeps working', async () => {
    const embed = counting(await realModel());
    const index = new MemoryIndex({ embed, store: new InMemoryVectorStore(), batchSize: 1 });
    index.pause();
    const done = index.upsert(items);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(embed.calls).toEqual([]);
    expect(index.stats()).toMatchObject({ paused: true, pending: 3, embedded: 0, progress: { done: 0, total: 3 } });
    // Nothing embedded yet: the search is keyword-only until the first vectors arrive.
    expect((await index.search('bank charge'))[0]).toMatchObject({ id: 't1', method: 'bm25' });
    index.resume();
    await done;
    expect(embed.calls).toHaveLength(3); // one item per batch
    expect(index.stats()).toMatchObject({ paused: false, pending: 0, embedded: 3 });
  });

  it('works keyword-only with no model, still quoting the matching sentence', async () => {
    const index = new MemoryIndex({ embed: null, store: new InMemoryVectorStore() });
    await index.upsert([...items, { id: 'n3', kind: 'note', text: 'Home stuff.\nThe wifi password is hunter2.\nBins on Monday.', updated: 4 }]);
    const [hit] = await index.search('what was the wifi password');
    expect(hit).toMatchObject({ id: 'n3', method: 'bm25', cosine: 0, sentence: 'The wifi password is hunter2.', matchedTerms: ['wifi', 'password'], why: 'words "wifi", "password"' });
    expect(await index.search('where did I leave the car')).toEqual([]);
    expect(index.stats()).toMatchObject({ keywordOnly: true, items: 4, embedded: 0 });
  });

  it('does not throw on empty, huge, emoji, RTL or markup queries', async () => {
    for (const embed of [await realModel(), null]) {
      const index = new MemoryIndex({ embed, store: new InMemoryVectorStore() });
      await index.upsert([...items, { id: 'e', kind: 'note', text: '', updated: 0 }, { id: 'r', kind: 'note', text: 'مرحبا بالعالم 🎉', updated: 0 }]);
      for (const query of ['', '   ', 'x'.repeat(100_000), 'word '.repeat(20_000), '🎉🎉🎉', 'مرحبا', '<script>alert(1)</script>', '12345 !!!', '\u0000\uffff']) {
        const hits = await index.search(query, { limit: 5 });
        expect(Array.isArray(hits)).toBe(true);
        for (const hit of hits) expect(Number.isFinite(hit.score)).toBe(true);
      }
      expect((await index.search('مرحبا'))[0]?.id).toBe('r');
    }
  });
});
