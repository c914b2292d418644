import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { NoteIndex, type NoteRecord } from '../../workers/data/noteIndex.ts';

let n = 0;
const record = (id: string, title = id): NoteRecord => ({
  id,
  heads: 'h',
  title,
  body: '',
  tags: [],
  pinned: false,
  archived: false,
  deleted: false,
  created: 0,
  updated: 0,
  links: {},
  tooNew: false,
});

async function stored(name: string): Promise<NoteRecord[]> {
  const db = await openDB(name, 1);
  const all = (await db.getAll('notes')) as NoteRecord[];
  db.close();
  return all;
}

describe('NoteIndex write batching', () => {
  it('puts made while a write is in flight share the next transaction; each resolves once committed', async () => {
    const name = `index-batch-${n++}`;
    const index = new NoteIndex(name);
    const first = index.put(record('a'));
    const rest = Array.from({ length: 20 }, (_, i) => index.put(record(`n${i}`)));
    // Same promise: one transaction for everything queued behind the first write.
    expect(new Set(rest).size).toBe(1);
    await Promise.all([first, ...rest]);
    expect((await stored(name)).length).toBe(21);
    await index.close();
  });

  it('the latest put of a record wins, and written(id) waits for it', async () => {
    const name = `index-batch-${n++}`;
    const index = new NoteIndex(name);
    void index.put(record('x', 'one'));
    void index.put(record('x', 'two'));
    const last = index.put(record('x', 'three'));
    expect(index.get('x')?.title).toBe('three');
    await index.written('x');
    await last;
    expect((await stored(name)).map((r) => r.title)).toEqual(['three']);
    // A fresh index reads what was committed.
    const again = new NoteIndex(name);
    await again.load();
    expect(again.get('x')?.title).toBe('three');
    await again.close();
    await index.close();
  });

  it('a later put after a batch has started goes into a new transaction and still commits', async () => {
    const name = `index-batch-${n++}`;
    const index = new NoteIndex(name);
    await index.put(record('a'));
    const b = index.put(record('b'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    await Promise.all([b, index.put(record('c'))]);
    expect((await stored(name)).map((r) => r.id).sort()).toEqual(['a', 'b', 'c']);
    await index.close();
  });
});
