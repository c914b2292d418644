// The data worker's typed API, imported by both sides of the comlink bridge.
// Everything crossing it is plain JSON (or bytes): the UI never sees Automerge objects.

import type { SampleBatch } from '../../src/features/sensors/types.ts';

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

/** When a task is due: an instant (epoch ms) and the IANA time zone it was given in. */
export interface TaskDue {
  at: number;
  timeZone: string;
}

export interface TaskView {
  id: string;
  title: string;
  notes: string;
  due: TaskDue | null;
  done: boolean;
  doneAt: number | null;
  remindedAt: number | null;
  deleted: boolean;
  created: number;
  updated: number;
  /** Who made it, e.g. 'assistant'. */
  source?: string;
  /** Open, due and past due at the time of the listing (`TaskQuery.now`, default: then). */
  overdue: boolean;
  /** Written by a newer app: shown read-only with an "update the app" message. */
  tooNew: boolean;
}

export interface TaskQuery {
  /** Default 'all'. Deleted tasks are never listed. */
  status?: 'open' | 'done' | 'all';
  /** The time `overdue` is judged at (tests); default: now. */
  now?: number;
}

export interface TaskInit {
  title: string;
  due?: TaskDue | null;
  notes?: string;
  /** Who made it, e.g. 'assistant'. */
  source?: string;
}

export interface TaskPatch {
  title?: string;
  notes?: string;
  due?: TaskDue | null;
  /** true also sets doneAt; false clears it. */
  done?: boolean;
  remindedAt?: number | null;
  deleted?: boolean;
}

export interface ConversationTurn {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  at: number;
  intent?: string;
}

export interface ConversationSummary {
  id: string;
  /** The first user utterance, shortened ('' before there is one). */
  title: string;
  updated: number;
  /** How many turns it holds. */
  turns: number;
  tooNew: boolean;
}

export interface ConversationView {
  id: string;
  title: string;
  created: number;
  updated: number;
  deleted: boolean;
  turns: ConversationTurn[];
  tooNew: boolean;
}

/** One thing the semantic memory embeds (pulled by the inference worker). */
export interface MemoryItem {
  /** A note or task id; `${conversationId}:${turnId}` for a conversation turn. */
  id: string;
  kind: 'note' | 'task' | 'turn';
  text: string;
  title?: string;
  updated: number;
}

export interface RecordingInit {
  /** Default: "Recording <local date and time>". */
  name?: string;
  /** Source kinds (SensorKind), e.g. ['accelerometer', 'gyroscope']. */
  sensors: string[];
  /** Column names in row order, e.g. "accelerometer.x". */
  channels: string[];
  /** 1–60 Hz. */
  rateHz: number;
}

export interface RecordingSummary {
  id: string;
  name: string;
  sensors: string[];
  channels: string[];
  rateHz: number;
  /** Epoch ms. */
  started: number;
  /** Epoch ms; null while recording, or when the recording tab closed or crashed before Stop. */
  ended: number | null;
  /** Rows recorded (stored so far while recording). */
  samples: number;
  /** Being recorded by this tab's data worker now. */
  recording: boolean;
  /** Written by a newer app: shown read-only with an "update the app" message. */
  tooNew: boolean;
}

export interface RecordingView extends RecordingSummary {
  deleted: boolean;
  created: number;
  updated: number;
}

/** min/max/mean over a channel's values (NaN = no reading, left out); null when it has none. */
export interface ChannelSummary {
  channel: string;
  min: number | null;
  max: number | null;
  mean: number | null;
  /** How many rows had a value. */
  count: number;
}

export interface ImportReport {
  added: number;
  merged: number;
}

export interface DataStats {
  notes: number;
  /** Tasks not deleted (open and done). */
  tasks: number;
  /** Every document: notes, circuits, tasks, conversations, recordings and the catalogue. */
  documents: number;
  /** Recordings not deleted (absent when there are none). */
  recordings?: number;
}

/** A snapshot pushed to the page for one of its watches. */
export type DataEvent =
  | { watchId: string; kind: 'list'; list: NoteList }
  | { watchId: string; kind: 'note'; note: NoteView | null }
  | { watchId: string; kind: 'tasks'; tasks: TaskView[] }
  | { watchId: string; kind: 'conversation'; conversation: ConversationView | null }
  | { watchId: string; kind: 'recordings'; recordings: RecordingSummary[] };

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
  /** Tasks in list order: open ones by due time (overdue first; undated after, oldest first), then done ones, latest first. */
  listTasks(query?: TaskQuery): Promise<TaskView[]>;
  /** Sends the task list now and after every change to a task. */
  watchTasks(watchId: string, query?: TaskQuery): Promise<void>;
  /** A task, deleted or not; null when there is no such task. */
  getTask(id: string): Promise<TaskView | null>;
  /** Resolves once the new task is committed to IndexedDB. */
  createTask(init: TaskInit): Promise<string>;
  /** Resolves once committed; throws UpdateTheAppError on a task from a newer app. */
  updateTask(id: string, patch: TaskPatch): Promise<void>;
  /** Open tasks whose title holds the words of `text`: those holding all of them first. */
  findTasks(text: string): Promise<TaskView[]>;
  /** Resolves once the new (empty) conversation is committed. */
  createConversation(): Promise<string>;
  /** Adds a turn; resolves with its id once committed. */
  appendTurn(conversationId: string, turn: { role: 'user' | 'assistant'; text: string; intent?: string }): Promise<string>;
  getConversation(id: string): Promise<ConversationView | null>;
  /** Conversations not deleted, most recently updated first. */
  listConversations(): Promise<ConversationSummary[]>;
  /** Sends the conversation now and after every change to it. */
  watchConversation(watchId: string, id: string): Promise<void>;
  /** Soft delete. */
  deleteConversation(id: string): Promise<void>;
  /** Starts a recording session (its metadata document is committed); rows then come through appendSamples. */
  startRecording(init: RecordingInit): Promise<string>;
  /**
   * Rows of a running recording (one per tick, values in channel order, NaN = no reading).
   * Buffered here and written in chunks of ~1 s (chunkedWriter.ts).
   */
  appendSamples(id: string, batch: SampleBatch): Promise<void>;
  /** Records a new rate (1–60 Hz) for a running recording. */
  setRecordingRate(id: string, hz: number): Promise<void>;
  /** Writes the last rows, then sets `ended` and `samples`; resolves once committed. */
  stopRecording(id: string): Promise<RecordingView>;
  /** Recordings not deleted, latest started first. */
  listRecordings(): Promise<RecordingSummary[]>;
  /** Sends the recordings list now and after every change to one (start, stop, rate, delete, sync). */
  watchRecordings(watchId: string): Promise<void>;
  getRecording(id: string): Promise<RecordingView | null>;
  /** Rows from row `fromIndex` (default 0) to the latest, buffered ones included: for a live chart. */
  readSamples(id: string, fromIndex?: number): Promise<SampleBatch>;
  /** min/max/mean per channel, in channel order. */
  recordingSummary(id: string): Promise<ChannelSummary[]>;
  /**
   * CSV: header `t,<channels…>`, one line per row, t in epoch milliseconds (whole ms), a value
   * as the shortest decimal that reads back to the stored float32, an empty cell for no reading.
   * JSON: { format: 'jarvis-recording', version: 1, id, name, sensors, channels, rateHz,
   * started, ended, samples, t: number[], rows: (number | null)[][] }.
   */
  exportRecording(id: string, format: 'csv' | 'json'): Promise<string>;
  /** Soft-deletes the session document and drops its sample chunks. */
  deleteRecording(id: string): Promise<void>;
  /** Grows with every change to notes, tasks or conversations: compare with the value read before memoryItems(). */
  memoryVersion(): Promise<number>;
  /** Everything the semantic memory embeds: live notes (archived too), live tasks, user turns. */
  memoryItems(): Promise<MemoryItem[]>;
  /**
   * `callback` is called (fire and forget, ~250 ms after a burst) whenever a note, task or
   * conversation changes, here or in another tab or device. A callback that throws is dropped.
   * Across comlink, pass `Comlink.proxy(fn)`.
   */
  onMemoryChange(callback: () => void): void;
  /** Serves this same API on `port` (another worker; pass it with Comlink.transfer). */
  connectPort(port: MessagePort): void;
  /** The backup file; with a passphrase, encrypted (backupCrypto.ts: PBKDF2 + AES-GCM). */
  exportBackup(options?: { passphrase?: string }): Promise<Uint8Array>;
  /**
   * Merges a backup file (a protected one needs its passphrase); throws a BackupError with a
   * user-facing message when it is not one, is damaged, or the passphrase is wrong.
   */
  importBackup(bytes: Uint8Array, options?: { passphrase?: string }): Promise<ImportReport>;
  /** A zip of one Markdown file per note. */
  exportNotesMarkdown(): Promise<Uint8Array>;
  /** A port the page bridged to a WebRTC DataChannel to another device: documents sync over it. */
  addPeerChannel(port: MessagePort): void;
  /** This device's catalogue document id (told to the other devices of a sync space). */
  catalogueId(): Promise<string>;
  /** Copies in another device's catalogue entries, now and whenever it changes. */
  followCatalogue(id: string): Promise<void>;
  stats(): Promise<DataStats>;
}
