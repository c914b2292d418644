// Builds the Repo and the note index, and finds (or, once per device, creates) the catalogue.

import { Repo, type DocHandle, type DocumentId, type NetworkAdapterInterface, type StorageAdapterInterface } from '@automerge/automerge-repo/slim';
import { NoteIndex } from './noteIndex.ts';
import { NotesStore } from './notesStore.ts';
import { CATALOGUE_SCHEMA, type CatalogueDoc } from './schema.ts';

export interface StoreOptions {
  storage: StorageAdapterInterface;
  network: NetworkAdapterInterface[];
  index: NoteIndex;
  /** Serialises catalogue creation across tabs (navigator.locks in the browser). */
  withLock?: <T>(name: string, task: () => Promise<T>) => Promise<T>;
}

const CATALOGUE_KEY = 'catalogue';

export async function openNotesStore(options: StoreOptions): Promise<NotesStore> {
  const repo = new Repo({ storage: options.storage, network: options.network });
  const withLock = options.withLock ?? ((_name, task) => task());
  const catalogue = await withLock('jarvis-catalogue', () => findOrCreateCatalogue(repo, options.index));
  const store = new NotesStore(repo, options.index, catalogue, options.storage);
  void store.reconcile();
  return store;
}

async function findOrCreateCatalogue(repo: Repo, index: NoteIndex): Promise<DocHandle<CatalogueDoc>> {
  const id = await index.getMeta<string>(CATALOGUE_KEY);
  if (id) return repo.find<CatalogueDoc>(id as DocumentId);
  const handle = repo.create<CatalogueDoc>({ schema: CATALOGUE_SCHEMA, kind: 'catalogue', notes: {} });
  await repo.flush([handle.documentId]);
  await index.setMeta(CATALOGUE_KEY, handle.documentId);
  return handle;
}
