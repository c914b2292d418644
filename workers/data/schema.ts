// The shapes of the Automerge documents this app stores, and their schema versions.
// Every document carries `schema`; an app meeting a newer version leaves it alone
// and tells the user to update (SPEC §2).

export const NOTE_SCHEMA = 1;
export const CATALOGUE_SCHEMA = 1;
export const CIRCUIT_SCHEMA = 1;

/** One note = one Automerge document, so a sync or a save touches only that note. */
export interface NoteDoc {
  schema: number;
  kind: 'note';
  title: string;
  body: string;
  /** A set, as a map keyed by tag (CRDT set → map keyed by id). */
  tags: Record<string, true>;
  pinned: boolean;
  archived: boolean;
  /** Soft delete, so "Undo" and other devices see the same thing. */
  deleted: boolean;
  created: number;
  updated: number;
  /** `[[Title]]` as typed → the id of the note it pointed at when resolved (follows renames). */
  links: Record<string, string>;
}

/** The root document: which note documents exist (what a new device must fetch). */
export interface CatalogueDoc {
  schema: number;
  kind: 'catalogue';
  notes: Record<string, true>;
  /** Added after the first release: absent in older catalogues until a circuit is saved. */
  circuits?: Record<string, true>;
}

/** A quantum circuit as the user saved it: its OpenQASM 2.0 text is the truth. */
export interface CircuitDoc {
  schema: number;
  kind: 'circuit';
  name: string;
  qasm: string;
  created: number;
  updated: number;
  deleted: boolean;
}

export function emptyNote(now: number): NoteDoc {
  return {
    schema: NOTE_SCHEMA,
    kind: 'note',
    title: '',
    body: '',
    tags: {},
    pinned: false,
    archived: false,
    deleted: false,
    created: now,
    updated: now,
    links: {},
  };
}

/** True when a document was written by a newer app than this one. */
export function isTooNew(doc: { schema?: unknown }, supported: number): boolean {
  return typeof doc.schema === 'number' && doc.schema > supported;
}

/** Brings a note written by an older app up to NOTE_SCHEMA, inside a change callback. */
export function upgradeNote(doc: Partial<NoteDoc>): void {
  if (doc.schema === undefined || doc.schema < 1) {
    doc.schema = 1;
    doc.kind = 'note';
    doc.tags ??= {};
    doc.links ??= {};
    doc.pinned ??= false;
    doc.archived ??= false;
    doc.deleted ??= false;
  }
}
