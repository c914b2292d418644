import { afterEach, describe, expect, it } from 'vitest';
import { openDevice } from './helpers.ts';

const opened: { close: () => Promise<void> }[] = [];
async function device(name?: string) {
  const d = await openDevice({ name });
  opened.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.close()));
});

describe('notes store', () => {
  it('creates, edits and lists notes pinned first, then by last update', async () => {
    const { service } = await device();
    const a = await service.createNote({ title: 'Alpha', body: 'first' });
    const b = await service.createNote({ title: 'Beta', body: 'second' });
    await service.updateNote(a, { body: 'first, edited' });
    let list = await service.listNotes({});
    expect(list.notes.map((n) => n.title)).toEqual(['Alpha', 'Beta']);
    await service.updateNote(b, { pinned: true });
    await service.updateNote(a, { body: 'edited again' });
    list = await service.listNotes({});
    expect(list.notes.map((n) => n.title)).toEqual(['Beta', 'Alpha']);
  });

  it('filters by keywords, hides archived and deleted notes', async () => {
    const { service } = await device();
    const wifi = await service.createNote({ title: 'Home', body: 'The wifi password is tulip42', tags: ['house'] });
    await service.createNote({ title: 'Groceries', body: 'milk, bread' });
    expect((await service.listNotes({ text: 'WIFI tulip' })).notes.map((n) => n.id)).toEqual([wifi]);
    expect((await service.listNotes({ text: 'house' })).notes.map((n) => n.id)).toEqual([wifi]);
    await service.updateNote(wifi, { archived: true });
    expect((await service.listNotes({ text: 'wifi' })).total).toBe(0);
    expect((await service.listNotes({ archived: true })).notes.map((n) => n.id)).toEqual([wifi]);
    await service.updateNote(wifi, { archived: false, deleted: true });
    expect((await service.listNotes({})).notes.map((n) => n.title)).toEqual(['Groceries']);
    await service.updateNote(wifi, { deleted: false }); // Undo
    expect((await service.listNotes({})).total).toBe(2);
  });

  it('keeps [[links]] pointing at the same note after a rename, with backlinks', async () => {
    const { store, service } = await device();
    const target = await service.createNote({ title: 'Groceries', body: 'milk' });
    const source = await service.createNote({ title: 'Plan', body: 'Buy what is in [[Groceries]] and [[Nowhere]]' });
    await service.updateNote(target, { title: 'Shopping list' });
    const view = store.view(source)!;
    expect(view.links).toEqual([
      { text: 'Groceries', id: target, title: 'Shopping list' },
      { text: 'Nowhere', id: null, title: null },
    ]);
    // A new note that takes the old title does not steal the link.
    await service.createNote({ title: 'Groceries', body: 'another' });
    await service.updateNote(source, { body: 'Buy what is in [[Groceries]] today' });
    expect(store.view(source)!.links[0].id).toBe(target);
    expect(store.view(target)!.backlinks).toEqual([{ id: source, title: 'Plan' }]);
  });

  it('keeps notes across a restart of the device', async () => {
    const first = await openDevice();
    const id = await first.service.createNote({ title: 'Persisted', body: 'still here' });
    await first.service.updateNote(id, { tags: ['a', 'b'] });
    await first.close();
    await first.index.close();
    const again = await device(first.name);
    const list = await again.service.listNotes({});
    expect(list.notes).toMatchObject([{ id, title: 'Persisted', tags: ['a', 'b'] }]);
    await again.service.updateNote(id, { body: 'edited after restart' });
    expect(again.store.view(id)!.body).toBe('edited after restart');
  });
});
