// Backup: every document in one JSON file; importing merges (CRDT merge, never overwrite),
// so importing the same file twice changes nothing and a device's own notes stay.

import { Automerge, isValidDocumentId, type DocumentId } from '@automerge/automerge-repo/slim';
import type { ImportReport } from './api.ts';
import { fromBase64, toBase64 } from './bytes.ts';
import type { CircuitsStore } from './circuitsStore.ts';
import type { ConversationsStore } from './conversationsStore.ts';
import type { NotesStore } from './notesStore.ts';
import type { TasksStore } from './tasksStore.ts';
import type { RecordingsStore } from './recordingsStore.ts';
import type { SampleChunk } from './sampleChunks.ts';
import { BackupError } from './backupError.ts';

export { BackupError };

export const BACKUP_FORMAT = 'jarvis-backup';
/**
 * 2 added recordings (documents of kind 'recording' and their sample chunks). A file without
 * recordings is still written as version 1, so an older app keeps reading it.
 */
export const BACKUP_VERSION = 2;

/** A recording's sample chunk: the typed arrays' bytes (little-endian) in base64. */
interface BackupChunk {
  session: string;
  index: number;
  start: number;
  channels: number;
  /** Float64Array bytes: tick times, epoch ms. */
  t: string;
  /** Float32Array bytes: rows × channels. */
  values: string;
}

interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: number;
  exported: string;
  docs: { id: string; kind: string; data: string }[];
  /** Version 2: the samples of the recordings in `docs`. */
  samples?: BackupChunk[];
}


/** Longer than any Automerge document id (base58check of 16 bytes + checksum, ~28 chars). */
const MAX_ID_LENGTH = 64;

/** The document kinds a backup holds. */
type Kind = 'note' | 'circuit' | 'task' | 'conversation' | 'recording';
const KINDS: Kind[] = ['note', 'circuit', 'task', 'conversation', 'recording'];

/** The stores that catalogue each kind of document (all on one repo). */
export interface BackupStores {
  notes: NotesStore;
  circuits: CircuitsStore;
  tasks: TasksStore;
  conversations: ConversationsStore;
  recordings: RecordingsStore;
}

function cataloguedIds(stores: BackupStores): Record<Kind, string[]> {
  return {
    note: stores.notes.noteIds(),
    circuit: stores.circuits.ids(),
    task: stores.tasks.ids(),
    conversation: stores.conversations.ids(),
    recording: stores.recordings.ids(),
  };
}

export async function exportBackup(stores: BackupStores): Promise<Uint8Array> {
  const docs: BackupFile['docs'] = [];
  const ids = cataloguedIds(stores);
  for (const kind of KINDS) {
    for (const id of ids[kind]) {
      const data = await stores.notes.repo.export(id as DocumentId);
      if (data) docs.push({ id, kind, data: toBase64(data) });
    }
  }
  const samples: BackupChunk[] = [];
  for (const id of ids.recording) {
    for (const chunk of await stores.recordings.chunks.read(id)) {
      samples.push({
        session: chunk.session,
        index: chunk.index,
        start: chunk.start,
        channels: chunk.channels,
        t: toBase64(new Uint8Array(chunk.t.buffer, chunk.t.byteOffset, chunk.t.byteLength)),
        values: toBase64(new Uint8Array(chunk.values.buffer, chunk.values.byteOffset, chunk.values.byteLength)),
      });
    }
  }
  const version = ids.recording.length ? BACKUP_VERSION : 1;
  const file: BackupFile = { format: BACKUP_FORMAT, version, exported: new Date().toISOString(), docs };
  if (ids.recording.length) file.samples = samples;
  return new TextEncoder().encode(JSON.stringify(file));
}

interface DecodedDoc {
  id: DocumentId;
  kind: Kind;
  binary: Uint8Array;
  doc: Automerge.Doc<unknown>;
}

/** Checks the whole file before anything is written, so a bad file changes nothing. */
export function readBackup(bytes: Uint8Array): DecodedDoc[] {
  return parseBackup(bytes).docs;
}

function parseBackup(bytes: Uint8Array): { docs: DecodedDoc[]; samples: SampleChunk[] } {
  let file: Partial<BackupFile>;
  try {
    file = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as Partial<BackupFile>;
  } catch {
    throw new BackupError('This file is not a Jarvis backup (it is not a backup file at all). Nothing was changed.');
  }
  if (file === null || typeof file !== 'object' || file.format !== BACKUP_FORMAT) {
    throw new BackupError('This file is not a Jarvis backup. Nothing was changed.');
  }
  if (typeof file.version !== 'number' || !Number.isInteger(file.version) || file.version < 1) throw new BackupError('This backup is damaged: its version is not readable. Nothing was changed.');
  if (file.version > BACKUP_VERSION) {
    throw new BackupError('This backup was made by a newer version of Jarvis. Update the app to import it. Nothing was changed.');
  }
  if (!Array.isArray(file.docs)) throw new BackupError('This backup is damaged: it lists no documents. Nothing was changed.');
  const docs = file.docs.map((entry, i) => {
    const where = `document ${i + 1} of ${file.docs!.length}`;
    if (
      !entry ||
      typeof entry.id !== 'string' ||
      // Ids are ~28 chars; the base58 check is quadratic, so a 1 MB "id" would hang the worker.
      entry.id.length > MAX_ID_LENGTH ||
      !isValidDocumentId(entry.id) ||
      typeof entry.data !== 'string' ||
      !KINDS.includes(entry.kind as Kind)
    ) {
      throw new BackupError(`This backup is damaged (${where} is malformed). Nothing was changed.`);
    }
    try {
      const binary = fromBase64(entry.data);
      const doc = Automerge.load<unknown>(binary);
      if ((doc as { kind?: unknown }).kind !== entry.kind) throw new Error(`not a ${entry.kind}`);
      return { id: entry.id as DocumentId, kind: entry.kind as Kind, binary, doc };
    } catch {
      throw new BackupError(`This backup is damaged (${where} cannot be read). Nothing was changed.`);
    }
  });
  const recordings = new Set(docs.filter((d) => d.kind === 'recording').map((d) => d.id as string));
  const samples = (Array.isArray(file.samples) ? file.samples : []).map((entry, i) => {
    const where = `sample chunk ${i + 1}`;
    try {
      if (!recordings.has(entry.session)) throw new Error('no such recording');
      const t = new Float64Array(copyBuffer(fromBase64(entry.t)));
      const values = new Float32Array(copyBuffer(fromBase64(entry.values)));
      const ints = [entry.index, entry.start, entry.channels];
      if (!ints.every((n) => Number.isInteger(n) && n >= 0) || entry.channels < 1) throw new Error('bad numbers');
      if (values.length !== t.length * entry.channels) throw new Error('sizes differ');
      const chunk: SampleChunk = { session: entry.session, index: entry.index, start: entry.start, end: entry.start + t.length, channels: entry.channels, t, values };
      return chunk;
    } catch {
      throw new BackupError(`This backup is damaged (${where} cannot be read). Nothing was changed.`);
    }
  });
  return { docs, samples };
}

/** A fresh ArrayBuffer of the bytes (typed arrays need their offset aligned). */
function copyBuffer(bytes: Uint8Array): ArrayBuffer {
  const buffer = new ArrayBuffer(bytes.length);
  new Uint8Array(buffer).set(bytes);
  return buffer;
}

export async function importBackup(stores: BackupStores, bytes: Uint8Array): Promise<ImportReport> {
  const { docs: decoded, samples } = parseBackup(bytes);
  const { notes, circuits, tasks, conversations, recordings } = stores;
  const catalogued = cataloguedIds(stores);
  const localKind = new Map<string, Kind>(KINDS.flatMap((kind) => catalogued[kind].map((id): [string, Kind] => [id, kind])));
  // Still before anything is written: merging a document of another kind into one of ours (or
  // into the catalogue) would turn, say, a note into a task. Refuse the file instead.
  decoded.forEach(({ id, kind }, i) => {
    const local = id === notes.catalogue.documentId ? 'catalogue' : localKind.get(id);
    if (local !== undefined && local !== kind) {
      throw new BackupError(`This backup does not fit this device (document ${i + 1} of ${decoded.length} is a ${kind} in the file but a ${local} here). Nothing was changed.`);
    }
  });
  const known = new Set(localKind.keys());
  const repo = notes.repo;
  let added = 0;
  let merged = 0;
  const ids: Record<Kind, string[]> = { note: [], circuit: [], task: [], conversation: [], recording: [] };
  for (const { id, kind, binary, doc } of decoded) {
    if (known.has(id)) {
      const handle = await repo.find<unknown>(id);
      handle.update((local) => Automerge.merge(local, doc as typeof local));
      merged++;
    } else {
      repo.import(binary, { docId: id });
      added++;
    }
    ids[kind].push(id);
  }
  await Promise.all([
    notes.catalogueAdd(ids.note),
    circuits.catalogueAdd(ids.circuit),
    tasks.catalogueAdd(ids.task),
    conversations.catalogueAdd(ids.conversation),
    recordings.catalogueAdd(ids.recording),
    // Chunks are immutable: writing one this device already has writes the same rows.
    recordings.chunks.putMany(samples),
  ]);
  const noteHandles = await Promise.all(ids.note.map((id) => notes.handle(id)));
  await Promise.all([
    repo.flush(KINDS.flatMap((kind) => ids[kind]) as DocumentId[]),
    ...noteHandles.map((handle) => notes.project(handle)),
  ]);
  return { added, merged };
}
