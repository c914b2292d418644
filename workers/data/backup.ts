// Backup: every document in one JSON file; importing merges (CRDT merge, never overwrite),
// so importing the same file twice changes nothing and a device's own notes stay.

import { Automerge, isValidDocumentId, type DocumentId } from '@automerge/automerge-repo/slim';
import type { ImportReport } from './api.ts';
import { fromBase64, toBase64 } from './bytes.ts';
import type { CircuitsStore } from './circuitsStore.ts';
import type { ConversationsStore } from './conversationsStore.ts';
import type { NotesStore } from './notesStore.ts';
import type { TasksStore } from './tasksStore.ts';

export const BACKUP_FORMAT = 'jarvis-backup';
export const BACKUP_VERSION = 1;

interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: number;
  exported: string;
  docs: { id: string; kind: string; data: string }[];
}

/** A file that is not a backup this app can read; the message is shown to the user as is. */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** The document kinds a backup holds. */
type Kind = 'note' | 'circuit' | 'task' | 'conversation';
const KINDS: Kind[] = ['note', 'circuit', 'task', 'conversation'];

/** The stores that catalogue each kind of document (all on one repo). */
export interface BackupStores {
  notes: NotesStore;
  circuits: CircuitsStore;
  tasks: TasksStore;
  conversations: ConversationsStore;
}

function cataloguedIds(stores: BackupStores): Record<Kind, string[]> {
  return {
    note: stores.notes.noteIds(),
    circuit: stores.circuits.ids(),
    task: stores.tasks.ids(),
    conversation: stores.conversations.ids(),
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
  const file: BackupFile = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exported: new Date().toISOString(), docs };
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
  let file: Partial<BackupFile>;
  try {
    file = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as Partial<BackupFile>;
  } catch {
    throw new BackupError('This file is not a Jarvis backup (it is not a backup file at all). Nothing was changed.');
  }
  if (file === null || typeof file !== 'object' || file.format !== BACKUP_FORMAT) {
    throw new BackupError('This file is not a Jarvis backup. Nothing was changed.');
  }
  if (typeof file.version !== 'number' || file.version > BACKUP_VERSION) {
    throw new BackupError('This backup was made by a newer version of Jarvis. Update the app to import it. Nothing was changed.');
  }
  if (!Array.isArray(file.docs)) throw new BackupError('This backup is damaged: it lists no documents. Nothing was changed.');
  return file.docs.map((entry, i) => {
    const where = `document ${i + 1} of ${file.docs!.length}`;
    if (
      !entry ||
      typeof entry.id !== 'string' ||
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
}

export async function importBackup(stores: BackupStores, bytes: Uint8Array): Promise<ImportReport> {
  const decoded = readBackup(bytes);
  const { notes, circuits, tasks, conversations } = stores;
  const known = new Set(Object.values(cataloguedIds(stores)).flat());
  const repo = notes.repo;
  let added = 0;
  let merged = 0;
  const ids: Record<Kind, string[]> = { note: [], circuit: [], task: [], conversation: [] };
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
  ]);
  const noteHandles = await Promise.all(ids.note.map((id) => notes.handle(id)));
  await Promise.all([
    repo.flush(KINDS.flatMap((kind) => ids[kind]) as DocumentId[]),
    ...noteHandles.map((handle) => notes.project(handle)),
  ]);
  return { added, merged };
}
