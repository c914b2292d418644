// Pure functions from index records to what the UI shows: the filtered, ordered list
// and one note with its resolved links and backlinks.

import type { NoteList, NoteQuery, NoteSummary, NoteView } from './api.ts';
import type { NoteRecord } from './noteIndex.ts';
import { linkTexts, normaliseTitle, type LinkTarget } from './links.ts';

const SNIPPET_CHARS = 140;
export const DEFAULT_LIST_LIMIT = 100;

export function toSummary(record: NoteRecord): NoteSummary {
  return {
    id: record.id,
    title: record.title,
    snippet: record.body.slice(0, SNIPPET_CHARS),
    tags: record.tags,
    pinned: record.pinned,
    archived: record.archived,
    updated: record.updated,
    tooNew: record.tooNew,
  };
}

function matches(record: NoteRecord, words: string[]): boolean {
  if (words.length === 0) return true;
  const haystack = `${record.title}\n${record.body}\n${record.tags.join(' ')}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** Pinned first, then most recently updated. */
function byPinnedThenUpdated(a: NoteRecord, b: NoteRecord): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  return b.updated - a.updated || a.id.localeCompare(b.id);
}

export function listNotes(records: Iterable<NoteRecord>, query: NoteQuery): NoteList {
  const words = (query.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const archived = query.archived ?? false;
  const limit = query.limit ?? DEFAULT_LIST_LIMIT;
  // Runs after every change: keep only the first `limit` in order instead of sorting all notes.
  const top: NoteRecord[] = [];
  let total = 0;
  for (const record of records) {
    if (record.deleted || record.archived !== archived || !matches(record, words)) continue;
    total++;
    if (top.length === limit && byPinnedThenUpdated(record, top[limit - 1]) >= 0) continue;
    top.splice(insertionPoint(top, record), 0, record);
    if (top.length > limit) top.pop();
  }
  return { notes: top.map(toSummary), total };
}

function insertionPoint(sorted: NoteRecord[], record: NoteRecord): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const mid = (low + high) >> 1;
    if (byPinnedThenUpdated(sorted[mid], record) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Lookups over the index that link resolution needs, built once per change. */
export class TitleLookup {
  #byTitle = new Map<string, NoteRecord>();
  #records: Map<string, NoteRecord>;

  constructor(records: Map<string, NoteRecord>) {
    this.#records = records;
    for (const record of records.values()) {
      const key = normaliseTitle(record.title);
      if (record.deleted || !key) continue;
      const seen = this.#byTitle.get(key);
      // Two notes with one title: the older one keeps the name, so links stay put.
      if (!seen || record.created < seen.created) this.#byTitle.set(key, record);
    }
  }

  byTitle = (title: string): LinkTarget | undefined => this.#byTitle.get(normaliseTitle(title));

  byId = (id: string): LinkTarget | undefined => this.#records.get(id);

  /** Where a link text of `record` points now: its remembered target, else a title match. */
  target(record: NoteRecord, text: string): LinkTarget | undefined {
    const remembered = record.links[text] ? this.byId(record.links[text]) : undefined;
    if (remembered && !remembered.deleted) return remembered;
    return this.byTitle(text);
  }
}

export function noteView(record: NoteRecord, lookup: TitleLookup, all: Iterable<NoteRecord>): NoteView {
  const links = linkTexts(record.body).map((text) => {
    const target = lookup.target(record, text);
    return { text, id: target?.id ?? null, title: target?.title ?? null };
  });
  const backlinks: { id: string; title: string }[] = [];
  for (const other of all) {
    if (other.id === record.id || other.deleted || !other.body.includes('[[')) continue;
    if (linkTexts(other.body).some((text) => lookup.target(other, text)?.id === record.id)) {
      backlinks.push({ id: other.id, title: other.title });
    }
  }
  backlinks.sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
  return { ...toSummary(record), body: record.body, created: record.created, deleted: record.deleted, links, backlinks };
}
