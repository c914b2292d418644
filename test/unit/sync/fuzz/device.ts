// A device as the data worker builds it (openNotesStore + DataService + PeerNetworkAdapter),
// in Node: the NoteIndex on fake IndexedDB under a database name of its own, Automerge's
// storage in memory.
import { Automerge, type DocHandle, type DocumentId } from '@automerge/automerge-repo/slim';
import type { DataEvent } from '../../../../workers/data/api.ts';
import { DataService } from '../../../../workers/data/dataService.ts';
import { NoteIndex } from '../../../../workers/data/noteIndex.ts';
import { openNotesStore } from '../../../../workers/data/openStore.ts';
import type { NotesStore } from '../../../../workers/data/notesStore.ts';
import { CATALOGUE_KINDS } from '../../../../workers/data/schema.ts';
import { PeerNetworkAdapter } from '../../../../workers/sync/peerNetworkAdapter.ts';
import { settle } from './clock.ts';
import { MemoryStorage } from './memoryStorage.ts';

export interface Device {
  name: string;
  storage: MemoryStorage;
  index: NoteIndex;
  adapter: PeerNetworkAdapter | null;
  store: NotesStore;
  service: DataService;
  catalogueId: string;
  /** The latest snapshot each watch pushed (what the open pages show), by watch id. */
  pushed: Map<string, DataEvent>;
}

/** `now` for the task lists, so `overdue` does not depend on when the lists were read. */
export const LIST_NOW = Date.UTC(2026, 5, 1);
/** The watches a device's pages hold open: the notes list, the archive, the tasks. */
export const WATCHES = {
  notes: { limit: 1e6 },
  archived: { archived: true, limit: 1e6 },
  tasks: { now: LIST_NOW },
};

/** Opens a device over `storage` (a new one by default) and the index database `name`-index. */
export async function openFuzzDevice(name: string, options: { storage?: MemoryStorage; network?: boolean; watch?: boolean } = {}): Promise<Device> {
  const storage = options.storage ?? new MemoryStorage();
  const index = new NoteIndex(`${name}-index`);
  const adapter = options.network === false ? null : new PeerNetworkAdapter();
  const storePromise = openNotesStore({ storage, network: adapter ? [adapter] : [], index });
  const service = new DataService(index, storePromise, adapter, { samplesDb: `${name}-samples` });
  const store = await settle(storePromise, `${name}: opening`);
  const catalogueId = await settle(service.catalogueId(), `${name}: catalogue id`);
  const pushed = new Map<string, DataEvent>();
  if (options.watch !== false) {
    await service.connect((event) => void pushed.set(event.watchId, event));
    await settle(service.watchNotes('notes', WATCHES.notes), `${name}: watchNotes`);
    await settle(service.watchNotes('archived', WATCHES.archived), `${name}: watchNotes archived`);
    await settle(service.watchTasks('tasks', WATCHES.tasks), `${name}: watchTasks`);
  }
  return { name, storage, index, adapter, store, service, catalogueId, pushed };
}

/** The ready handle of `id` on this device, or undefined (not loaded, still requesting, unavailable). */
export function readyHandle<T>(device: Device, id: string): DocHandle<T> | undefined {
  const handle = device.store.repo.handles[id as DocumentId] as DocHandle<T> | undefined;
  return handle?.isReady() ? handle : undefined;
}

export function headsOf(handle: DocHandle<unknown>): string {
  return [...Automerge.getHeads(handle.doc() as Automerge.Doc<unknown>)].sort().join(',');
}

export type Kind = 'notes' | 'tasks' | 'circuits';

/** Ids listed under `kind` in this device's own catalogue. */
export function catalogued(device: Device, kind: (typeof CATALOGUE_KINDS)[number]): string[] {
  return Object.keys(device.store.catalogue.doc()?.[kind] ?? {}).sort();
}

/** JSON with object keys sorted (a document loaded from storage lists map keys in another order than one built by patches). */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
