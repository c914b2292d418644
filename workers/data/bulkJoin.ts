// First contact between two devices, in bulk.
//
// automerge-repo syncs every document on its own: a device joining a space whose other
// device holds 1,000 notes received them as 1,000 separate exchanges, each creating a
// handle, a synchronizer and a sync state (~4 ms apiece in the data worker, 4 s in all).
// So each new connection starts with catalogues only:
//
//   1. Each side's hello carries its catalogue id (PeerNetworkAdapter.extraMetadata).
//   2. While a peer is "held", the share policy announces it only catalogues: the repo
//      pushes no other document to it (it still answers what that peer asks for).
//   3. Each side reads the other's catalogue. When it lacks many of the documents listed
//      there (BULK_MIN), it asks for them in one "jarvis-bulk-request"; the other side
//      answers with their saved bytes in a few large "jarvis-bulk-docs" messages, which
//      are written straight to storage and, for notes, to the note index, with no handle.
//   4. It then merges the catalogue (CatalogueFollower) and says "jarvis-ready"; the other
//      side releases it and the usual per-document sync starts, cheap now that both sides
//      hold the same heads.
//
// Everything here only speeds things up: a lost request, a stalled transfer or a peer
// that never says ready (HOLD_MS) falls back to the per-document sync.
import { Automerge, isValidDocumentId, type DocumentId, type PeerId, type StorageAdapterInterface } from '@automerge/automerge-repo/slim';
import type { ControlMessage, PeerNetworkAdapter } from '../sync/peerNetworkAdapter.ts';
import type { CatalogueFollower } from './catalogueFollower.ts';
import type { NoteRecord } from './noteIndex.ts';
import { toRecord, type NotesStore } from './notesStore.ts';
import { CATALOGUE_KINDS, type CatalogueDoc, type NoteDoc } from './schema.ts';

/** Fewer missing documents than this sync one by one, as before. */
export const BULK_MIN = 20;
/** Saved bytes per "jarvis-bulk-docs" message (the DataChannel layer chunks it further). */
const BATCH_BYTES = 256 * 1024;
/** A held peer that has not said ready after this long is released anyway. */
const HOLD_MS = 15_000;
/** A transfer with no message for this long is given up (the rest syncs one by one). */
const STALL_MS = 5_000;
/** The most ids one request may name. */
const MAX_IDS = 100_000;

interface PeerState {
  catalogueId: string | null;
  released: boolean;
  holdTimer?: ReturnType<typeof setTimeout>;
}

interface Transfer {
  from: PeerId;
  wanted: Set<string>;
  /** Batches are imported one after another, in the order they came. */
  queue: Promise<void>;
  /** Each imported batch, settled once its documents and index records are committed. */
  stored: Promise<void>[];
  stallTimer?: ReturnType<typeof setTimeout>;
  finish: () => void;
}

export class BulkJoin {
  readonly #adapter: PeerNetworkAdapter;
  readonly #store: NotesStore;
  readonly #storage: StorageAdapterInterface;
  readonly #follower: CatalogueFollower;
  readonly #peers = new Map<PeerId, PeerState>();
  /** Meetings in progress, by the other device's catalogue id. */
  readonly #meetings = new Map<string, Promise<void>>();
  readonly #transfers = new Map<PeerId, Transfer>();
  /** Ids some transfer is bringing now: another meeting (a third device listing them too) does not ask again. */
  readonly #incoming = new Set<string>();
  /** Transfers under way; a meeting merges its catalogue only after them (else the stores would fetch those ids one by one). */
  readonly #inFlight = new Set<Promise<void>>();

  constructor(adapter: PeerNetworkAdapter, store: NotesStore, storage: StorageAdapterInterface, follower: CatalogueFollower) {
    this.#adapter = adapter;
    this.#store = store;
    this.#storage = storage;
    this.#follower = follower;
    adapter.extraMetadata = { ...adapter.extraMetadata, catalogueId: store.catalogue.documentId };
    adapter.onControl = (message) => this.#control(message);
    adapter.on('peer-candidate', ({ peerId }) => {
      // A fresh connection starts held, whatever an earlier one of this peer reached.
      this.#left(peerId);
      const { catalogueId } = this.#state(peerId);
      if (catalogueId) void this.meet(catalogueId).catch(() => undefined);
    });
    adapter.on('peer-disconnected', ({ peerId }) => this.#left(peerId));
    store.repo.shareConfig = {
      announce: async (peerId, documentId) => this.#announces(peerId, documentId),
      access: async () => true,
    };
  }

  /**
   * Reads another device's catalogue, fetches in bulk what it lists and this device lacks,
   * merges it and tells that device this one is ready. Rejects only when the catalogue
   * cannot be found (as CatalogueFollower.follow does).
   */
  meet(catalogueId: string): Promise<void> {
    let meeting = this.#meetings.get(catalogueId);
    if (!meeting) {
      meeting = this.#meet(catalogueId).finally(() => this.#meetings.delete(catalogueId));
      this.#meetings.set(catalogueId, meeting);
    }
    return meeting;
  }

  async #meet(catalogueId: string): Promise<void> {
    try {
      const remote = await this.#follower.find(catalogueId);
      const missing = this.#missing(remote.doc());
      const peer = missing.length >= BULK_MIN ? this.#peerWith(catalogueId) : undefined;
      if (peer) {
        const transfer = this.#fetch(peer, missing);
        this.#inFlight.add(transfer);
        void transfer.then(() => this.#inFlight.delete(transfer));
      }
      await Promise.all(this.#inFlight);
      await this.#follower.follow(catalogueId);
    } finally {
      // Even when its catalogue could not be read: holding that device back gains nothing.
      for (const peerId of this.#adapter.peers) {
        if (this.#state(peerId).catalogueId === catalogueId) this.#adapter.sendControl(peerId, 'jarvis-ready');
      }
    }
  }

  /** Ids the other catalogue lists that this device neither lists nor holds in memory. */
  #missing(remote: CatalogueDoc | undefined): string[] {
    const mine = this.#store.catalogue.doc();
    if (!remote || remote.kind !== 'catalogue' || !mine) return [];
    const handles = this.#store.repo.handles;
    return CATALOGUE_KINDS.flatMap((key) =>
      Object.keys(remote[key] ?? {}).filter(
        (id) => !mine[key]?.[id] && !handles[id as DocumentId] && !this.#incoming.has(id) && isValidDocumentId(id),
      ),
    );
  }

  #peerWith(catalogueId: string): PeerId | undefined {
    return this.#adapter.peers.find((peerId) => this.#state(peerId).catalogueId === catalogueId);
  }

  #state(peerId: PeerId): PeerState {
    let state = this.#peers.get(peerId);
    if (!state) {
      const claimed = this.#adapter.metadataOf(peerId)?.catalogueId;
      const catalogueId = typeof claimed === 'string' && isValidDocumentId(claimed) ? claimed : null;
      // A peer that names no catalogue (an older app) is never held.
      state = { catalogueId, released: catalogueId === null };
      if (!state.released) state.holdTimer = setTimeout(() => this.#release(peerId), HOLD_MS);
      this.#peers.set(peerId, state);
    }
    return state;
  }

  #announces(peerId: PeerId, documentId?: DocumentId): boolean {
    if (documentId === undefined) return true;
    const state = this.#state(peerId);
    if (state.released) return true;
    return documentId === this.#store.catalogue.documentId || documentId === state.catalogueId;
  }

  #release(peerId: PeerId): void {
    const state = this.#peers.get(peerId);
    if (!state || state.released) return;
    state.released = true;
    clearTimeout(state.holdTimer);
    this.#store.repo.shareConfigChanged();
  }

  #left(peerId: PeerId): void {
    const state = this.#peers.get(peerId);
    if (state) clearTimeout(state.holdTimer);
    this.#peers.delete(peerId);
    this.#transfers.get(peerId)?.finish();
  }

  #control(message: ControlMessage): void {
    switch (message.type) {
      case 'jarvis-ready':
        this.#release(message.senderId);
        break;
      case 'jarvis-bulk-request':
        void this.#serve(message.senderId, message.ids).catch(() => undefined);
        break;
      case 'jarvis-bulk-docs':
        this.#receive(message.senderId, message.docs, message.done === true);
        break;
    }
  }

  // -- Asking ------------------------------------------------------------------------------

  /** Resolves when the transfer is done, stalled or the peer left; never rejects. */
  #fetch(peerId: PeerId, ids: string[]): Promise<void> {
    this.#transfers.get(peerId)?.finish();
    return new Promise<void>((resolve) => {
      const transfer: Transfer = {
        from: peerId,
        wanted: new Set(ids),
        queue: Promise.resolve(),
        stored: [],
        finish: () => {
          clearTimeout(transfer.stallTimer);
          if (this.#transfers.get(peerId) === transfer) this.#transfers.delete(peerId);
          // The catalogue is merged (and "ready" said) only once everything received is on disk.
          void transfer.queue
            .then(() => Promise.allSettled(transfer.stored))
            .then(() => {
              for (const id of ids) this.#incoming.delete(id);
              resolve();
            });
        },
      };
      this.#transfers.set(peerId, transfer);
      for (const id of ids) this.#incoming.add(id);
      this.#stalling(transfer);
      if (!this.#adapter.sendControl(peerId, 'jarvis-bulk-request', { ids })) transfer.finish();
    });
  }

  #stalling(transfer: Transfer): void {
    clearTimeout(transfer.stallTimer);
    transfer.stallTimer = setTimeout(transfer.finish, STALL_MS);
  }

  #receive(peerId: PeerId, docs: unknown, done: boolean): void {
    const transfer = this.#transfers.get(peerId);
    if (!transfer || !Array.isArray(docs)) return;
    this.#stalling(transfer);
    // A macrotask per batch, so the worker answers the page in between.
    transfer.queue = transfer.queue.then(() => new Promise<void>((resolve) => setTimeout(resolve, 0))).then(() => this.#import(transfer, docs)).catch(() => undefined);
    if (done) transfer.finish();
  }

  /** Loads and stores one batch; its notes show in the lists at once, their index records are written once the documents are. */
  #import(transfer: Transfer, docs: unknown[]): void {
    const records: NoteRecord[] = [];
    const writes: Promise<void>[] = [];
    for (const entry of docs) {
      const [id, bytes] = Array.isArray(entry) ? entry : [];
      // Refused: malformed, or not asked for (or sent twice).
      if (typeof id !== 'string' || !(bytes instanceof Uint8Array) || !transfer.wanted.delete(id)) continue;
      // The repo has it in memory already (asked for meanwhile): it syncs on its own.
      if (this.#store.repo.handles[id as DocumentId]) continue;
      let doc: Automerge.Doc<unknown>;
      try {
        doc = Automerge.load(bytes);
      } catch {
        continue; // not a document: left to the per-document sync
      }
      const heads = Automerge.getHeads(doc);
      if (heads.length === 0) continue;
      // automerge-repo's key layout: [documentId, 'snapshot', a name of its own]. The repo
      // loads every chunk under the id and compacts them on its next save.
      writes.push(this.#storage.save([id, 'snapshot', `bulk-${[...heads].sort().join('').slice(0, 64)}`], bytes));
      if ((doc as { kind?: unknown }).kind === 'note') records.push(toRecord(id, doc as NoteDoc, heads.join(',')));
    }
    const stored = this.#store.importRecords(records, Promise.all(writes));
    stored.catch(() => undefined); // settled by finish(); a failed write leaves those to the per-document sync
    transfer.stored.push(stored);
  }

  // -- Answering ---------------------------------------------------------------------------

  async #serve(peerId: PeerId, ids: unknown): Promise<void> {
    if (!Array.isArray(ids)) return;
    const mine = this.#store.catalogue.doc();
    const listed = (id: unknown): id is string =>
      typeof id === 'string' && CATALOGUE_KINDS.some((key) => mine?.[key]?.[id] === true);
    let batch: [string, Uint8Array][] = [];
    let bytes = 0;
    const flush = async (done: boolean) => {
      if (!this.#adapter.sendControl(peerId, 'jarvis-bulk-docs', { docs: batch, done })) throw new Error('peer gone');
      batch = [];
      bytes = 0;
      // Let the worker answer the page between batches.
      if (!done) await new Promise((resolve) => setTimeout(resolve, 0));
    };
    for (const id of ids.slice(0, MAX_IDS)) {
      if (!listed(id)) continue;
      const saved = await this.#saved(id);
      if (!saved) continue;
      batch.push([id, saved]);
      bytes += saved.byteLength;
      if (bytes >= BATCH_BYTES) await flush(false);
    }
    await flush(true);
  }

  /** The document as saved bytes: from its handle when loaded (it may hold unsaved changes), else from storage. */
  async #saved(id: string): Promise<Uint8Array | null> {
    const handle = this.#store.repo.handles[id as DocumentId];
    if (handle) return handle.isReady() ? Automerge.save(handle.doc()) : null;
    // The stored chunks (snapshot and incremental) one after another load as one document.
    const chunks = (await this.#storage.loadRange([id])).flatMap((chunk) => (chunk.data ? [chunk.data] : []));
    if (chunks.length === 0) return null;
    if (chunks.length === 1) return chunks[0];
    const joined = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
    let at = 0;
    for (const chunk of chunks) {
      joined.set(chunk, at);
      at += chunk.byteLength;
    }
    return joined;
  }
}
