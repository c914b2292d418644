// A full disk: IndexedDB refuses writes with QuotaExceededError (injected here into every
// put, as the browser would). The edit is reported in plain words, and what is stored stays
// the last whole version: a device reopened on the same databases reads it back intact.
import { afterEach, describe, expect, it } from 'vitest';
import { DISK_FULL_MESSAGE } from '../../workers/data/storageErrors.ts';
import { openDevice } from './helpers.ts';

const realPut = IDBObjectStore.prototype.put;
function fillTheDisk(): void {
  IDBObjectStore.prototype.put = function () {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
}
function freeTheDisk(): void {
  IDBObjectStore.prototype.put = realPut;
}
afterEach(freeTheDisk);

describe('a full disk', () => {
  it('is reported in plain words and leaves the stored note whole', async () => {
    const name = `disk-full-${Date.now()}`;
    const first = await openDevice({ name });
    const id = await first.service.createNote({ title: 'Quota', body: 'before the disk filled up' });
    fillTheDisk();
    await expect(first.service.updateNote(id, { body: 'after the disk filled up' })).rejects.toThrow(DISK_FULL_MESSAGE);
    await expect(first.service.createNote({ title: 'Another' })).rejects.toThrow(DISK_FULL_MESSAGE);
    freeTheDisk();
    await first.close().catch(() => undefined); // its unsaved change may be written on shutdown, or not

    const reopened = await openDevice({ name });
    const { notes } = await reopened.service.listNotes({});
    const stored = await reopened.store.handle(id);
    expect(['before the disk filled up', 'after the disk filled up']).toContain(stored.doc().body);
    expect(notes.find((n) => n.id === id)?.title).toBe('Quota');
    await reopened.close();
  });
});
