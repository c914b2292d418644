import { afterEach, describe, expect, it } from 'vitest';
import { Automerge, type DocumentId } from '@automerge/automerge-repo/slim';
import { unzipSync, strFromU8 } from 'fflate';
import { openDevice } from './helpers.ts';

const opened: { close: () => Promise<void> }[] = [];
async function device() {
  const d = await openDevice();
  opened.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.close()));
});

function snapshot(d: Awaited<ReturnType<typeof device>>) {
  return [...d.index.records.values()]
    .map((r) => ({ id: r.id, title: r.title, body: r.body, tags: r.tags, pinned: r.pinned, heads: r.heads }))
    .sort((x, y) => x.id.localeCompare(y.id));
}

describe('backup', () => {
  it('round-trips every note, and importing twice changes nothing', async () => {
    const source = await device();
    await source.service.createNote({ title: 'One', body: 'first [[Two]]', tags: ['t'] });
    const two = await source.service.createNote({ title: 'Two', body: 'second' });
    await source.service.updateNote(two, { pinned: true });
    const file = await source.service.exportBackup();

    const target = await device();
    expect(await target.service.importBackup(file)).toEqual({ added: 2, merged: 0 });
    const once = snapshot(target);
    expect(once).toEqual(snapshot(source));
    expect(await target.service.importBackup(file)).toEqual({ added: 0, merged: 2 });
    expect(snapshot(target)).toEqual(once);
  });

  it('merges into a device with other notes and keeps both sides', async () => {
    const source = await device();
    const shared = await source.service.createNote({ title: 'Shared', body: 'v1' });
    const target = await device();
    await target.service.importBackup(await source.service.exportBackup());
    const own = await target.service.createNote({ title: 'Own note', body: 'only here' });
    // Both sides edit the shared note, then the newer backup is imported.
    await target.service.updateNote(shared, { tags: ['from-target'] });
    await source.service.updateNote(shared, { body: 'v2' });
    await target.service.importBackup(await source.service.exportBackup());
    const list = await target.service.listNotes({});
    expect(list.notes.map((n) => n.id).sort()).toEqual([own, shared].sort());
    const merged = target.store.view(shared)!;
    expect(merged.body).toBe('v2');
    expect(merged.tags).toEqual(['from-target']);
    const doc = target.store.repo.handles[shared as DocumentId].doc()!;
    expect(Automerge.getHeads(doc).length).toBe(2); // a real merge of two histories
  });

  it('round-trips tasks and conversations, merges them, and counts them in stats', async () => {
    const source = await device();
    const at = Date.UTC(2030, 0, 1, 9, 0);
    const task = await source.service.createTask({ title: 'Call mom', due: { at, timeZone: 'America/New_York' } });
    const done = await source.service.createTask({ title: 'Buy stamps' });
    await source.service.updateTask(done, { done: true });
    const conversation = await source.service.createConversation();
    await source.service.appendTurn(conversation, { role: 'user', text: 'Remind me to call mom' });
    await source.service.createNote({ title: 'A note' });
    expect(await source.service.stats()).toEqual({ notes: 1, tasks: 2, documents: 5 });
    const file = await source.service.exportBackup();

    const target = await device();
    expect(await target.service.importBackup(file)).toEqual({ added: 4, merged: 0 });
    expect(await target.service.importBackup(file)).toEqual({ added: 0, merged: 4 });
    expect(await target.service.listTasks()).toEqual(await source.service.listTasks());
    expect(await target.service.getTask(task)).toMatchObject({ due: { at, timeZone: 'America/New_York' } });
    expect(await target.service.getConversation(conversation)).toEqual(await source.service.getConversation(conversation));
    expect(await target.service.stats()).toEqual({ notes: 1, tasks: 2, documents: 5 });

    // Both sides change the task; importing the newer backup keeps both changes.
    await target.service.updateTask(task, { notes: 'from target' });
    await source.service.updateTask(task, { done: true });
    await source.service.appendTurn(conversation, { role: 'assistant', text: 'Done.' });
    await target.service.importBackup(await source.service.exportBackup());
    expect(await target.service.getTask(task)).toMatchObject({ notes: 'from target', done: true });
    expect((await target.service.getConversation(conversation))?.turns.map((t) => t.text)).toEqual(['Remind me to call mom', 'Done.']);
  });

  it('refuses corrupt or foreign files with a message and changes nothing', async () => {
    const d = await device();
    await d.service.createNote({ title: 'Keep me', body: 'safe' });
    const before = snapshot(d);
    const good = JSON.parse(new TextDecoder().decode(await d.service.exportBackup()));
    const cases: [string, Uint8Array, RegExp][] = [
      ['binary junk', new Uint8Array([0xff, 0xfe, 0x00, 0x12]), /not a Jarvis backup/],
      ['other JSON', new TextEncoder().encode('{"hello": "world"}'), /not a Jarvis backup/],
      ['newer version', new TextEncoder().encode(JSON.stringify({ ...good, version: 99 })), /newer version/],
      [
        'damaged document',
        new TextEncoder().encode(JSON.stringify({ ...good, docs: [{ ...good.docs[0], data: 'AAAA' + good.docs[0].data.slice(10) }] })),
        /damaged/,
      ],
      ['truncated file', new TextEncoder().encode(JSON.stringify(good).slice(0, 40)), /not a Jarvis backup/],
    ];
    for (const [, bytes, message] of cases) {
      await expect(d.service.importBackup(bytes)).rejects.toThrow(message);
    }
    expect(snapshot(d)).toEqual(before);
  });

  it('exports notes as a zip of Markdown files', async () => {
    const d = await device();
    await d.service.createNote({ title: 'Trip: Paris/Rome', body: '# Plan\n- pack', tags: ['travel'] });
    await d.service.createNote({ title: 'Trip: Paris/Rome', body: 'duplicate title' });
    const gone = await d.service.createNote({ title: 'Deleted', body: 'x' });
    await d.service.updateNote(gone, { deleted: true });
    const files = unzipSync(await d.service.exportNotesMarkdown());
    expect(Object.keys(files).sort()).toEqual(['Trip- Paris-Rome (2).md', 'Trip- Paris-Rome.md']);
    const text = Object.values(files).map((file) => strFromU8(file)).join('\n');
    expect(text).toContain('tags: ["travel"]');
    expect(text).toContain('- pack');
  });
});
