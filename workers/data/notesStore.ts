// Notes on top of automerge-repo: one document per note, listed in a catalogue
// document, projected into the NoteIndex for the list views.

import { Automerge, type DocHandle, type DocumentId, type Repo, type StorageAdapterInterface } from '@automerge/automerge-repo/slim';
import type { NoteList, NotePatch, NoteQuery, NoteView } from './api.ts';
import { resolveLinks } from './links.ts';
import type { NoteIndex, NoteRecord } from './noteIndex.ts';
import { listNotes, noteView, TitleLookup } from './noteViews.ts';
import { emptyNote, isTooNew, NOTE_SCHEMA, upgradeNote, type CatalogueDoc, type NoteDoc } from './schema.ts';

export class UpdateTheAppError extends Error {
  override name = 'UpdateTheAppError';
  /** `kind`: what the user calls the document ("note", "task", "circuit"…). */
  constructor(kind = 'note') {
    super(`This ${kind} was saved by a newer version of Jarvis. Update the app to edit it.`);
  }
}

type Listener = (changedIds: string[]) => void;

export class NotesStore {
  readonly repo: Repo;
  readonly index: NoteIndex;
  readonly catalogue: DocHandle<CatalogueDoc>;
  /** The repo's storage (the bulk first contact writes received documents straight to it). */
  readonly storage: StorageAdapterInterface | null;
  #lookup: TitleLookup | null = null;
  #listeners = new Set<Listener>();
  #watched = new WeakSet<DocHandle<unknown>>();
  /** Updates to one note run one after another, in the order the UI sent them. */
  #updates = new Map<string, Promise<void>>();

  constructor(repo: Repo, index: NoteIndex, catalogue: DocHandle<CatalogueDoc>, storage: StorageAdapterInterface | null = null) {
    this.repo = repo;
    this.index = index;
    this.catalogue = catalogue;
    this.storage = storage;
    // Every note handle this repo holds keeps the index current, including the ones the
    // synchronizer opens itself when another tab or device sends changes (automerge-repo
    // 2.5 emits no "document" event; its sync metrics name the document).
    repo.on('doc-metrics', (event) => {
      if (event.type !== 'receive-sync-message') return;
      const handle = repo.handles[event.documentId as DocumentId] as DocHandle<NoteDoc> | undefined;
      // This fires inside the handle's update: project once that has finished.
      if (handle && !this.#watched.has(handle)) {
        this.#watch(handle);
        setTimeout(() => void this.#project(handle).catch(() => undefined), 0); // a failed write is retried by the next change
      }
    });
    catalogue.on('change', () => void this.reconcile());
  }

  onChange(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Projects every catalogued note the index does not hold yet (new device, another tab). */
  async reconcile(): Promise<void> {
    await this.index.load();
    const missing = Object.keys(this.catalogue.doc()?.notes ?? {}).filter((id) => !this.index.get(id));
    await Promise.all(missing.map((id) => this.#handle(id).then((handle) => this.#project(handle), () => undefined))); // unavailable now: projected on arrival (doc-metrics)
  }

  list(query: NoteQuery): NoteList {
    return listNotes(this.index.records.values(), query);
  }

  view(id: string): NoteView | null {
    const record = this.index.get(id);
    if (!record) return null;
    return noteView(record, this.#titleLookup(), this.index.records.values());
  }

  /** Loads the note's document ahead of the first edit; projects it if the index lacks it. */
  async open(id: string): Promise<void> {
    const handle = await this.#handle(id);
    if (!this.index.get(id)) await this.#project(handle);
  }

  async create(init: NotePatch = {}): Promise<string> {
    const [id] = await this.createMany([init]);
    return id;
  }

  async createMany(inits: NotePatch[]): Promise<string[]> {
    const now = Date.now();
    const handles = inits.map((init) => {
      const doc = emptyNote(now);
      applyPatch(doc, init, this.#links(init.body ?? '', {}), now, false);
      const handle = this.repo.create<NoteDoc>(doc);
      this.#watch(handle);
      return handle;
    });
    const ids = handles.map((handle) => handle.documentId);
    this.catalogue.change((catalogue) => {
      for (const id of ids) catalogue.notes[id] = true;
    });
    const records = handles.map((handle) => toRecord(handle.documentId, handle.doc()));
    await Promise.all([
      this.index.putMany(records),
      this.repo.flush([...ids, this.catalogue.documentId]),
    ]);
    this.#lookup = null;
    this.#changed(ids);
    return ids;
  }

  /** Resolves once both the document and its index record are committed to IndexedDB. */
  update(id: string, patch: NotePatch): Promise<void> {
    const previous = this.#updates.get(id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.#update(id, patch));
    this.#updates.set(id, next);
    void next.finally(() => {
      if (this.#updates.get(id) === next) this.#updates.delete(id);
    }).catch(() => undefined);
    return next;
  }

  async #update(id: string, patch: NotePatch): Promise<void> {
    const handle = await this.#handle(id);
    const current = handle.doc();
    if (isTooNew(current, NOTE_SCHEMA)) throw new UpdateTheAppError();
    const links = patch.body === undefined ? undefined : this.#links(patch.body, current.links ?? {});
    handle.change((doc) => {
      upgradeNote(doc);
      applyPatch(doc, patch, links, Date.now(), true);
    });
    await Promise.all([this.repo.flush([handle.documentId]), this.#project(handle)]);
  }

  /**
   * Index records of notes being written to storage without a handle (bulkJoin.ts): the
   * lists show them at once; their records are written to IndexedDB once `stored` (the
   * documents' own writes) has committed, so the index on disk never names a note that is
   * not there. When the documents cannot be stored, the lists drop them again.
   */
  async importRecords(records: NoteRecord[], stored: Promise<unknown>): Promise<void> {
    const fresh = records.filter((record) => !this.index.get(record.id));
    for (const record of fresh) this.index.records.set(record.id, record);
    const ids = fresh.map((record) => record.id);
    if (ids.length) {
      this.#lookup = null;
      this.#changed(ids);
    }
    try {
      await stored;
    } catch (error) {
      for (const record of fresh) if (this.index.records.get(record.id) === record) this.index.records.delete(record.id);
      this.#lookup = null;
      this.#changed(ids);
      throw error;
    }
    const current = fresh.filter((record) => this.index.records.get(record.id) === record);
    if (current.length) await this.index.putMany(current);
  }

  /** Adds ids to the catalogue (after an import) and saves it. */
  async catalogueAdd(ids: string[]): Promise<void> {
    this.catalogue.change((catalogue) => {
      for (const id of ids) catalogue.notes[id] ??= true;
    });
    await this.repo.flush([this.catalogue.documentId]);
  }

  noteIds(): string[] {
    return Object.keys(this.catalogue.doc()?.notes ?? {});
  }

  handle(id: string): Promise<DocHandle<NoteDoc>> {
    return this.#handle(id);
  }

  /** Writes the handle's current state to the index unless it is already there. */
  project(handle: DocHandle<NoteDoc>): Promise<void> {
    return this.#project(handle);
  }

  async #handle(id: string): Promise<DocHandle<NoteDoc>> {
    const handle = await this.repo.find<NoteDoc>(id as DocumentId);
    this.#watch(handle);
    return handle;
  }

  #watch(handle: DocHandle<NoteDoc>): void {
    if (this.#watched.has(handle) || handle.documentId === this.catalogue.documentId) return;
    this.#watched.add(handle);
    // 'change' comes before 'ready' when a requested document arrives. A failed index write
    // (a full disk) is reported by update(); here, the next change retries it.
    handle.on('change', () => void Promise.resolve().then(() => this.#project(handle)).catch(() => undefined));
  }

  #project(handle: DocHandle<NoteDoc>): Promise<void> {
    if (!handle.isReady()) return Promise.resolve();
    const doc = handle.doc();
    if (doc?.kind !== 'note') return Promise.resolve();
    const id = handle.documentId;
    const heads = Automerge.getHeads(doc).join(',');
    const before = this.index.get(id);
    if (before?.heads === heads) return this.index.written(id);
    const record = toRecord(id, doc, heads);
    const written = this.index.put(record);
    // Titles (and deletions) are what link resolution looks up; a body edit keeps the lookup.
    if (!before || before.title !== record.title || before.deleted !== record.deleted) this.#lookup = null;
    this.#changed([id]);
    return written;
  }

  #links(body: string, previous: Record<string, string>): Record<string, string> {
    const lookup = this.#titleLookup();
    return resolveLinks(body, previous, lookup.byTitle, lookup.byId);
  }

  #titleLookup(): TitleLookup {
    this.#lookup ??= new TitleLookup(this.index.records);
    return this.#lookup;
  }

  #changed(ids: string[]): void {
    for (const listener of this.#listeners) listener(ids);
  }
}

/** Applies a UI patch to a note: a plain object, or inside a change (`inChange`). */
function applyPatch(
  doc: NoteDoc,
  patch: NotePatch,
  links: Record<string, string> | undefined,
  now: number,
  inChange: boolean,
): void {
  if (patch.title !== undefined) setText(doc, 'title', patch.title, inChange);
  if (patch.body !== undefined) setText(doc, 'body', patch.body, inChange);
  if (links) replaceKeys(doc.links, links);
  if (patch.tags) {
    const tags: Record<string, true> = {};
    for (const tag of patch.tags) if (tag.trim()) tags[tag.trim()] = true;
    replaceKeys(doc.tags, tags);
  }
  if (patch.pinned !== undefined && doc.pinned !== patch.pinned) doc.pinned = patch.pinned;
  if (patch.archived !== undefined && doc.archived !== patch.archived) doc.archived = patch.archived;
  if (patch.deleted !== undefined && doc.deleted !== patch.deleted) doc.deleted = patch.deleted;
  doc.updated = now;
}

/** Above this many changed characters, one splice replaces updateText's character diff. */
const SPLICE_ABOVE = 2_000;

function setText(doc: NoteDoc, field: 'title' | 'body', value: string, inChange: boolean): void {
  if (doc[field] === value) return;
  if (!inChange) {
    doc[field] = value;
    return;
  }
  // updateText diffs character by character, so concurrent edits to one note merge finely;
  // but its cost grows with the square of the text inserted (measured: 10,000 characters
  // 0.4 s, 100,000 characters 21 s, the data worker frozen meanwhile). A large change — a
  // paste — is one region: find it by common prefix and suffix and splice it in one step.
  const old = String(doc[field] ?? '');
  const { start, deleted, inserted } = changedRegion(old, value);
  if (deleted + inserted.length <= SPLICE_ABOVE) Automerge.updateText(doc, [field], value);
  else Automerge.splice(doc, [field], start, deleted, inserted);
}

/** The one region where `next` differs from `old`, never splitting a surrogate pair. */
export function changedRegion(old: string, next: string): { start: number; deleted: number; inserted: string } {
  let start = 0;
  const shorter = Math.min(old.length, next.length);
  while (start < shorter && old.charCodeAt(start) === next.charCodeAt(start)) start++;
  if (start > 0 && isHighSurrogate(old.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < shorter - start && old.charCodeAt(old.length - 1 - end) === next.charCodeAt(next.length - 1 - end)) end++;
  if (end > 0 && isLowSurrogate(old.charCodeAt(old.length - end))) end--;
  return { start, deleted: old.length - start - end, inserted: next.slice(start, next.length - end) };
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Makes `target` hold exactly `next`'s entries, touching only the keys that differ. */
function replaceKeys<V>(target: Record<string, V>, next: Record<string, V>): void {
  for (const key of Object.keys(target)) if (!(key in next)) delete target[key];
  for (const [key, value] of Object.entries(next)) if (target[key] !== value) target[key] = value;
}

export function toRecord(id: string, doc: NoteDoc, heads = Automerge.getHeads(doc).join(',')): NoteRecord {
  return {
    id,
    heads,
    title: String(doc.title ?? ''),
    body: String(doc.body ?? ''),
    tags: Object.keys(doc.tags ?? {}).sort(),
    pinned: doc.pinned === true,
    archived: doc.archived === true,
    deleted: doc.deleted === true,
    created: Number(doc.created) || 0,
    updated: Number(doc.updated) || 0,
    links: { ...(doc.links ?? {}) },
    tooNew: isTooNew(doc, NOTE_SCHEMA),
  };
}
