import { describe, expect, it } from 'vitest';
import { listNotes } from '../../workers/data/noteViews.ts';
import type { NoteRecord } from '../../workers/data/noteIndex.ts';
import { mulberry32 as prng } from '../../src/lib/random.ts';

function record(i: number, random: () => number): NoteRecord {
  return {
    id: `n${i}`,
    heads: '',
    title: `Note ${i}`,
    body: random() < 0.3 ? 'has the keyword apple' : 'plain',
    tags: [],
    pinned: random() < 0.1,
    archived: random() < 0.1,
    deleted: random() < 0.05,
    created: 0,
    updated: Math.floor(random() * 50), // many ties: the id breaks them
    links: {},
    tooNew: false,
  };
}

describe('listNotes', () => {
  it.each([1, 2, 3, 4, 5])('keeps the first `limit` notes in order, like a full sort (seed %i)', (seed) => {
    const random = prng(seed);
    const records = Array.from({ length: 2000 }, (_, i) => record(i, random));
    for (const query of [{ limit: 100 }, { limit: 7, text: 'apple' }, { archived: true, limit: 50 }]) {
      const expected = records
        .filter((r) => !r.deleted && r.archived === (query.archived ?? false))
        .filter((r) => !query.text || r.body.includes(query.text))
        .sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.updated - a.updated || a.id.localeCompare(b.id));
      const list = listNotes(records, query);
      expect(list.total, `seed ${seed}`).toBe(expected.length);
      expect(list.notes.map((n) => n.id), `seed ${seed}`).toEqual(expected.slice(0, query.limit).map((r) => r.id));
    }
  });
});
