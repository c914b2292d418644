// The DataApi implementation: answers list queries from the index as soon as it is
// loaded (before Automerge is even initialised), and pushes snapshots to watchers.

import type { DataApi, DataStats, ImportReport, NoteList, NotePatch, NoteQuery, NoteView } from './api.ts';
import { exportBackup, importBackup } from './backup.ts';
import { notesToMarkdownZip } from './markdownExport.ts';
import type { NoteIndex } from './noteIndex.ts';
import type { NotesStore } from './notesStore.ts';
import { listNotes } from './noteViews.ts';

type Watcher =
  | { kind: 'list'; query: NoteQuery; send: (list: NoteList) => unknown }
  | { kind: 'note'; id: string; send: (note: NoteView | null) => unknown };

export class DataService implements DataApi {
  #index: NoteIndex;
  #indexLoaded: Promise<void>;
  #store: Promise<NotesStore>;
  #watchers = new Map<number, Watcher>();
  #nextWatchId = 1;
  #refreshQueued = false;

  constructor(index: NoteIndex, store: Promise<NotesStore>) {
    this.#index = index;
    this.#indexLoaded = index.load();
    this.#store = store;
    store.then((s) => s.onChange(() => this.#queueRefresh())).catch(() => undefined); // calls report the error
  }

  async listNotes(query: NoteQuery): Promise<NoteList> {
    await this.#indexLoaded;
    return listNotes(this.#index.records.values(), query);
  }

  async watchNotes(query: NoteQuery, onList: (list: NoteList) => void): Promise<number> {
    const id = this.#nextWatchId++;
    this.#watchers.set(id, { kind: 'list', query, send: onList });
    onList(await this.listNotes(query));
    return id;
  }

  async watchNote(id: string, onNote: (note: NoteView | null) => void): Promise<number> {
    const watchId = this.#nextWatchId++;
    this.#watchers.set(watchId, { kind: 'note', id, send: onNote });
    const store = await this.#store;
    await store.open(id).catch(() => undefined); // an unknown id shows as "no such note"
    onNote(store.view(id));
    return watchId;
  }

  unwatch(watchId: number): void {
    this.#watchers.delete(watchId);
  }

  async createNote(init?: NotePatch): Promise<string> {
    return (await this.#store).create(init);
  }

  async createNotes(inits: NotePatch[]): Promise<string[]> {
    return (await this.#store).createMany(inits);
  }

  async updateNote(id: string, patch: NotePatch): Promise<void> {
    return (await this.#store).update(id, patch);
  }

  async exportBackup(): Promise<Uint8Array> {
    return exportBackup(await this.#store);
  }

  async importBackup(bytes: Uint8Array): Promise<ImportReport> {
    return importBackup(await this.#store, bytes);
  }

  async exportNotesMarkdown(): Promise<Uint8Array> {
    await this.#indexLoaded;
    return notesToMarkdownZip(this.#index.records.values());
  }

  async stats(): Promise<DataStats> {
    const store = await this.#store;
    let notes = 0;
    for (const record of this.#index.records.values()) if (!record.deleted) notes++;
    return { notes, documents: store.noteIds().length + 1 };
  }

  /** Coalesces a burst of changes into one refresh of every watcher. */
  #queueRefresh(): void {
    if (this.#refreshQueued) return;
    this.#refreshQueued = true;
    setTimeout(() => {
      this.#refreshQueued = false;
      void this.#refresh();
    }, 0);
  }

  async #refresh(): Promise<void> {
    const store = await this.#store;
    for (const [watchId, watcher] of this.#watchers) {
      const sent = watcher.kind === 'list' ? watcher.send(store.list(watcher.query)) : watcher.send(store.view(watcher.id));
      // A watcher whose page has gone away rejects: drop it.
      void Promise.resolve(sent).catch(() => this.#watchers.delete(watchId));
    }
  }
}
