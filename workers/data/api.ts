// The data worker's typed API, imported by both sides of the comlink bridge.
// Everything crossing it is plain JSON (or bytes): the UI never sees Automerge objects.

export interface NoteSummary {
  id: string;
  title: string;
  /** The first characters of the body, for the list. */
  snippet: string;
  tags: string[];
  pinned: boolean;
  archived: boolean;
  updated: number;
  /** Written by a newer app: shown read-only with an "update the app" message. */
  tooNew: boolean;
}

export interface NoteLink {
  /** As typed inside [[ ]]. */
  text: string;
  /** The note it points at, or null when no note has that title. */
  id: string | null;
  /** That note's current title (it may have been renamed since). */
  title: string | null;
}

export interface NoteView extends NoteSummary {
  body: string;
  created: number;
  deleted: boolean;
  links: NoteLink[];
  backlinks: { id: string; title: string }[];
}

export interface NoteQuery {
  /** Keyword filter: every word must appear in the title, body or tags. */
  text?: string;
  archived?: boolean;
  limit?: number;
}

export interface NoteList {
  notes: NoteSummary[];
  /** How many notes match, of which `notes` holds the first `limit`. */
  total: number;
}

export interface NotePatch {
  title?: string;
  body?: string;
  tags?: string[];
  pinned?: boolean;
  archived?: boolean;
  deleted?: boolean;
}

export interface CircuitSummary {
  id: string;
  name: string;
  updated: number;
  tooNew: boolean;
}

export interface CircuitView extends CircuitSummary {
  qasm: string;
  deleted: boolean;
}

export interface CircuitPatch {
  name?: string;
  qasm?: string;
  deleted?: boolean;
}

export interface ImportReport {
  added: number;
  merged: number;
}

export interface DataStats {
  notes: number;
  documents: number;
}

/** A snapshot pushed to the page for one of its watches. */
export type DataEvent =
  | { watchId: string; kind: 'list'; list: NoteList }
  | { watchId: string; kind: 'note'; note: NoteView | null };

export interface DataApi {
  /** The page's one channel for snapshots (one comlink proxy, not one per watch). */
  connect(onEvent: (event: DataEvent) => void): Promise<void>;
  listNotes(query: NoteQuery): Promise<NoteList>;
  /** Sends the list now and after every change that may alter it. The page picks the id. */
  watchNotes(watchId: string, query: NoteQuery): Promise<void>;
  /** Sends the note now and after every change to it or its links (null: no such note). */
  watchNote(watchId: string, id: string): Promise<void>;
  unwatch(watchId: string): void;
  createNote(init?: NotePatch): Promise<string>;
  /** Many notes in one go (benchmarks, bulk import). */
  createNotes(inits: NotePatch[]): Promise<string[]>;
  /** Resolves only once the change is committed to IndexedDB ("Saved"). */
  updateNote(id: string, patch: NotePatch): Promise<void>;
  /** Saved quantum circuits, most recently updated first. */
  listCircuits(): Promise<CircuitSummary[]>;
  getCircuit(id: string): Promise<CircuitView | null>;
  /** Resolves once the new circuit is committed to IndexedDB. */
  saveCircuit(init: { name: string; qasm: string }): Promise<string>;
  updateCircuit(id: string, patch: CircuitPatch): Promise<void>;
  duplicateCircuit(id: string): Promise<string>;
  exportBackup(): Promise<Uint8Array>;
  /** Merges a backup file; throws a BackupError with a user-facing message when it is not one. */
  importBackup(bytes: Uint8Array): Promise<ImportReport>;
  /** A zip of one Markdown file per note. */
  exportNotesMarkdown(): Promise<Uint8Array>;
  stats(): Promise<DataStats>;
}
