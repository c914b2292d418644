// Backup: every document in one JSON file; importing merges (CRDT merge, never overwrite),
// so importing the same file twice changes nothing and a device's own notes stay.

import { Automerge, isValidDocumentId, type DocumentId } from '@automerge/automerge-repo/slim';
import type { ImportReport } from './api.ts';
import { fromBase64, toBase64 } from './bytes.ts';
import type { NotesStore } from './notesStore.ts';

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

export async function exportBackup(store: NotesStore): Promise<Uint8Array> {
  const docs: BackupFile['docs'] = [];
  for (const id of store.noteIds()) {
    const data = await store.repo.export(id as DocumentId);
    if (data) docs.push({ id, kind: 'note', data: toBase64(data) });
  }
  const file: BackupFile = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exported: new Date().toISOString(), docs };
  return new TextEncoder().encode(JSON.stringify(file));
}

interface DecodedDoc {
  id: DocumentId;
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
    if (!entry || typeof entry.id !== 'string' || !isValidDocumentId(entry.id) || typeof entry.data !== 'string') {
      throw new BackupError(`This backup is damaged (${where} is malformed). Nothing was changed.`);
    }
    try {
      const binary = fromBase64(entry.data);
      const doc = Automerge.load<unknown>(binary);
      if ((doc as { kind?: unknown }).kind !== 'note') throw new Error('not a note');
      return { id: entry.id as DocumentId, binary, doc };
    } catch {
      throw new BackupError(`This backup is damaged (${where} cannot be read). Nothing was changed.`);
    }
  });
}

export async function importBackup(store: NotesStore, bytes: Uint8Array): Promise<ImportReport> {
  const decoded = readBackup(bytes);
  const known = new Set(store.noteIds());
  let added = 0;
  let merged = 0;
  const ids: string[] = [];
  for (const { id, binary, doc } of decoded) {
    if (known.has(id)) {
      const handle = await store.handle(id);
      handle.update((local) => Automerge.merge(local, doc as typeof local));
      merged++;
    } else {
      store.repo.import(binary, { docId: id });
      added++;
    }
    ids.push(id);
  }
  await store.catalogueAdd(ids);
  const handles = await Promise.all(ids.map((id) => store.handle(id)));
  await Promise.all([store.repo.flush(ids as DocumentId[]), ...handles.map((handle) => store.project(handle))]);
  return { added, merged };
}
