// The shapes of the Automerge documents this app stores, and their schema versions.
// Every document carries `schema`; an app meeting a newer version leaves it alone
// and tells the user to update (SPEC §2).

import type { TaskDue } from './api.ts';

export const NOTE_SCHEMA = 1;
export const CATALOGUE_SCHEMA = 1;
export const CIRCUIT_SCHEMA = 1;
export const TASK_SCHEMA = 1;
export const CONVERSATION_SCHEMA = 1;
export const RECORDING_SCHEMA = 1;

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
  /** Added with tasks: absent until the first task is made. */
  tasks?: Record<string, true>;
  /** Added with the assistant's conversations: absent until the first one. */
  conversations?: Record<string, true>;
  /** Added with sensor recordings: absent until the first one. */
  recordings?: Record<string, true>;
}

/** The catalogue's lists, one per kind of document. */
export const CATALOGUE_KINDS = ['notes', 'circuits', 'tasks', 'conversations', 'recordings'] as const;

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

/** A to-do: one Automerge document each, listed in the catalogue's `tasks` map. */
export interface TaskDoc {
  schema: number;
  kind: 'task';
  title: string;
  notes: string;
  /** An instant (epoch ms) and the IANA time zone it was given in: shown in that zone. */
  due: TaskDue | null;
  done: boolean;
  doneAt: number | null;
  /** When the reminder for the current due time was shown (null: not yet). */
  remindedAt: number | null;
  deleted: boolean;
  created: number;
  updated: number;
  /** Who made it, e.g. 'assistant'; absent when the user typed it in the Tasks view. */
  source?: string;
}

export interface ConversationTurnDoc {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  at: number;
  /** The intent the assistant recognised (user turns) or answered (assistant turns). */
  intent?: string;
}

/** One conversation with the assistant: its turns append to a list. */
export interface ConversationDoc {
  schema: number;
  kind: 'conversation';
  /** The first user utterance, shortened; empty until there is one. */
  title: string;
  created: number;
  updated: number;
  deleted: boolean;
  turns: ConversationTurnDoc[];
}

/**
 * A sensor recording's metadata (syncable); its samples live outside Automerge, in chunks
 * of the 'jarvis-samples' IndexedDB database (workers/data/sampleChunks.ts).
 */
export interface RecordingDoc {
  schema: number;
  kind: 'recording';
  name: string;
  /** Source kinds (SensorKind), in the order their channels appear. */
  sensors: string[];
  /** Column names, e.g. "accelerometer.x": the order of every sample row. */
  channels: string[];
  /** The current sampling rate (a battery cap may lower it while recording). */
  rateHz: number;
  started: number;
  /** null while recording (or when the recording tab died before Stop). */
  ended: number | null;
  /** Rows stored, written at Stop. */
  samples: number;
  deleted: boolean;
  created: number;
  updated: number;
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
