import { afterEach, describe, expect, it } from 'vitest';
import { Automerge } from '@automerge/automerge-repo/slim';
import { openDevice } from './helpers.ts';
import { emptyNote } from '../../workers/data/schema.ts';

const opened: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.close()));
});

describe('schema versions', () => {
  it('every new note carries the schema version', async () => {
    const d = await openDevice();
    opened.push(d);
    const id = await d.service.createNote({ title: 'x' });
    expect((await d.store.handle(id)).doc()).toMatchObject({ schema: 1, kind: 'note' });
    expect(d.store.catalogue.doc()).toMatchObject({ schema: 1, kind: 'catalogue' });
  });

  it('a note from a newer app is shown read-only with "update the app" and never written', async () => {
    const d = await openDevice();
    opened.push(d);
    const handle = d.store.repo.create({ ...emptyNote(Date.now()), schema: 99, title: 'From the future', extra: { a: 1 } });
    await d.store.catalogueAdd([handle.documentId]);
    await d.store.reconcile();
    const view = d.store.view(handle.documentId)!;
    expect(view).toMatchObject({ title: 'From the future', tooNew: true });
    const heads = Automerge.getHeads(handle.doc());
    await expect(d.service.updateNote(handle.documentId, { title: 'overwrite' })).rejects.toThrow(/newer version of Jarvis/);
    expect(Automerge.getHeads(handle.doc())).toEqual(heads);
  });

  it('a note from an older app (no schema) is upgraded on its first edit', async () => {
    const d = await openDevice();
    opened.push(d);
    const old = { kind: 'note', title: 'Old', body: 'b', created: 1, updated: 1 };
    const handle = d.store.repo.create(old);
    await d.store.catalogueAdd([handle.documentId]);
    await d.store.reconcile();
    await d.service.updateNote(handle.documentId, { body: 'edited' });
    expect((await d.store.handle(handle.documentId)).doc()).toMatchObject({
      schema: 1, body: 'edited', tags: {}, links: {}, pinned: false, archived: false, deleted: false,
    });
  });
});
