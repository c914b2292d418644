// The DataApi implementation: answers list queries from the index as soon as it is
// loaded (before Automerge is even initialised), and pushes snapshots to watchers.

import type {
  CircuitPatch,
  CircuitSummary,
  CircuitView,
  DataApi,
  DataEvent,
  DataStats,
  ImportReport,
  NoteList,
  NotePatch,
  NoteQuery,
} from './api.ts';
import { exportBackup, importBackup } from './backup.ts';
import { CircuitsStore } from './circuitsStore.ts';
import { notesToMarkdownZip } from './markdownExport.ts';
import type { NoteIndex } from './noteIndex.ts';
import type { NotesStore } from './notesStore.ts';
import { listNotes } from './noteViews.ts';

type Watch = { kind: 'list'; query: NoteQuery } | { kind: 'note'; id: string };

export class DataService implements DataApi {
  #index: NoteIndex;
  #indexLoaded: Promise<void>;
  #store: Promise<NotesStore>;
  #circuits: Promise<CircuitsStore>;
  #watches = new Map<string, Watch>();
  #send: (event: DataEvent) => unknown = () => undefined;
  #refreshQueued = false;

  constructor(index: NoteIndex, store: Promise<NotesStore>) {
    this.#index = index;
    this.#indexLoaded = index.load();
    this.#store = store;
    this.#circuits = store.then((s) => new CircuitsStore(s.repo, s.catalogue));
    store.then((s) => s.onChange(() => this.#queueRefresh())).catch(() => undefined); // calls report the error
  }

  async listNotes(query: NoteQuery): Promise<NoteList> {
    await this.#indexLoaded;
    return listNotes(this.#index.records.values(), query);
  }

  async connect(onEvent: (event: DataEvent) => void): Promise<void> {
    this.#send = onEvent;
  }

  async watchNotes(watchId: string, query: NoteQuery): Promise<void> {
    this.#watches.set(watchId, { kind: 'list', query });
    const list = await this.listNotes(query);
    if (this.#watches.has(watchId)) void this.#send({ watchId, kind: 'list', list });
  }

  async watchNote(watchId: string, id: string): Promise<void> {
    this.#watches.set(watchId, { kind: 'note', id });
    const store = await this.#store;
    await store.open(id).catch(() => undefined); // an unknown id shows as "no such note"
    if (this.#watches.has(watchId)) void this.#send({ watchId, kind: 'note', note: store.view(id) });
  }

  unwatch(watchId: string): void {
    this.#watches.delete(watchId);
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

  async listCircuits(): Promise<CircuitSummary[]> {
    return (await this.#circuits).list();
  }

  async getCircuit(id: string): Promise<CircuitView | null> {
    return (await this.#circuits).get(id);
  }

  async saveCircuit(init: { name: string; qasm: string }): Promise<string> {
    return (await this.#circuits).create(init);
  }

  async updateCircuit(id: string, patch: CircuitPatch): Promise<void> {
    return (await this.#circuits).update(id, patch);
  }

  async duplicateCircuit(id: string): Promise<string> {
    return (await this.#circuits).duplicate(id);
  }

  async exportBackup(): Promise<Uint8Array> {
    return exportBackup(await this.#store, await this.#circuits);
  }

  async importBackup(bytes: Uint8Array): Promise<ImportReport> {
    return importBackup(await this.#store, await this.#circuits, bytes);
  }

  async exportNotesMarkdown(): Promise<Uint8Array> {
    await this.#indexLoaded;
    return notesToMarkdownZip(this.#index.records.values());
  }

  async stats(): Promise<DataStats> {
    const store = await this.#store;
    let notes = 0;
    for (const record of this.#index.records.values()) if (!record.deleted) notes++;
    const circuits = await this.#circuits;
    return { notes, documents: store.noteIds().length + circuits.ids().length + 1 }; // + the catalogue
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
    for (const [watchId, watch] of this.#watches) {
      const event: DataEvent =
        watch.kind === 'list'
          ? { watchId, kind: 'list', list: store.list(watch.query) }
          : { watchId, kind: 'note', note: store.view(watch.id) };
      void Promise.resolve(this.#send(event)).catch(() => undefined);
    }
  }
}
