import { afterEach, describe, expect, it } from 'vitest';
import { Automerge, type DocumentId } from '@automerge/automerge-repo/slim';
import { openDevice, waitFor } from './helpers.ts';

const opened: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.close()));
});

describe('two repos', () => {
  it('merge concurrent edits to one note character by character', async () => {
    const channel = `merge-${Date.now()}`;
    const a = await openDevice({ channel });
    opened.push(a);
    const id = await a.service.createNote({ title: 'Shared', body: 'hello world' });
    const b = await openDevice({ channel });
    opened.push(b);
    // b fetches the note over the channel (as another tab would).
    const handleB = await b.store.handle(id);
    await waitFor(() => handleB.doc()?.body === 'hello world');

    // Disconnect-free concurrency: both edit before either hears of the other.
    await Promise.all([
      a.service.updateNote(id, { body: 'hello brave world' }),
      b.service.updateNote(id, { body: 'hello world!' }),
    ]);
    await waitFor(() => a.store.view(id)?.body === 'hello brave world!' && b.store.view(id)?.body === 'hello brave world!');
    const heads = (d: typeof a) => Automerge.getHeads(d.store.repo.handles[id as DocumentId].doc()!).sort();
    await waitFor(() => JSON.stringify(heads(a)) === JSON.stringify(heads(b)));
    expect(heads(a)).toHaveLength(2); // two concurrent changes, merged
    expect(a.store.view(id)?.body).toBe(b.store.view(id)?.body);
  });

  it('merges concurrent edits of different fields (last writer wins per field)', async () => {
    const channel = `fields-${Date.now()}`;
    const a = await openDevice({ channel });
    const b = await openDevice({ channel });
    opened.push(a, b);
    const id = await a.service.createNote({ title: 'T', body: 'B' });
    await b.store.handle(id);
    await waitFor(() => b.store.view(id)?.title === 'T');
    await Promise.all([a.service.updateNote(id, { pinned: true }), b.service.updateNote(id, { tags: ['x'] })]);
    await waitFor(() => {
      const [va, vb] = [a.store.view(id), b.store.view(id)];
      return !!va?.pinned && !!vb?.pinned && va.tags.join() === 'x' && vb.tags.join() === 'x';
    });
    // b learns about the new note through the catalogue too.
    await waitFor(async () => (await b.service.listNotes({})).total === 1);
  });
});
