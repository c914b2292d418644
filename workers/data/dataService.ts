// The DataApi implementation: answers list queries from the index as soon as it is
// loaded (before Automerge is even initialised), and pushes snapshots to watchers.

import * as Comlink from 'comlink';
import type {
  CircuitPatch,
  CircuitSummary,
  CircuitView,
  ConversationSummary,
  ConversationView,
  DataApi,
  DataEvent,
  DataStats,
  ImportReport,
  MemoryItem,
  NoteList,
  NotePatch,
  NoteQuery,
  ChannelSummary,
  RecordingInit,
  RecordingSummary,
  RecordingView,
  TaskInit,
  TaskPatch,
  TaskQuery,
  TaskView,
} from './api.ts';
import { exportBackup, importBackup, type BackupStores } from './backup.ts';
import { decryptBackup, encryptBackup, isEncryptedBackup } from './backupCrypto.ts';
import { reportingDiskFull } from './storageErrors.ts';
import { CircuitsStore } from './circuitsStore.ts';
import { ConversationsStore } from './conversationsStore.ts';
import { notesToMarkdownZip } from './markdownExport.ts';
import { memoryItems, MemoryNotifier } from './memoryFeed.ts';
import { CatalogueFollower } from './catalogueFollower.ts';
import { BulkJoin } from './bulkJoin.ts';
import type { PeerNetworkAdapter } from '../sync/peerNetworkAdapter.ts';
import { attachPort } from '../sync/channelBridge.ts';
import type { NoteIndex } from './noteIndex.ts';
import type { NotesStore } from './notesStore.ts';
import { listNotes } from './noteViews.ts';
import { TasksStore } from './tasksStore.ts';
import { RecordingsStore } from './recordingsStore.ts';
import { SampleChunks, SAMPLES_DB } from './sampleChunks.ts';
import type { ChunkedWriterOptions } from './chunkedWriter.ts';
import type { SampleBatch } from '../../src/features/sensors/types.ts';

export interface DataServiceOptions {
  /** The samples database (default 'jarvis-samples'; tests give each device its own). */
  samplesDb?: string;
  /** Chunk timing of recordings (tests). */
  writer?: ChunkedWriterOptions;
}

type Watch =
  | { kind: 'list'; query: NoteQuery }
  | { kind: 'note'; id: string }
  | { kind: 'tasks'; query: TaskQuery }
  | { kind: 'conversation'; id: string }
  | { kind: 'recordings' };

/** What changed, so a refresh re-sends only the watches it can affect. */
type Area = 'notes' | 'tasks' | 'conversations' | 'recordings';
const AREA: Record<Watch['kind'], Area> = {
  list: 'notes',
  note: 'notes',
  tasks: 'tasks',
  conversation: 'conversations',
  recordings: 'recordings',
};

export class DataService implements DataApi {
  #index: NoteIndex;
  #indexLoaded: Promise<void>;
  #store: Promise<NotesStore>;
  #circuits: Promise<CircuitsStore>;
  #tasks: Promise<TasksStore>;
  #conversations: Promise<ConversationsStore>;
  #recordings: Promise<RecordingsStore>;
  #watches = new Map<string, Watch>();
  #send: (event: DataEvent) => unknown = () => undefined;
  #changedAreas = new Set<Area>();
  #memory = new MemoryNotifier();
  #follower: Promise<CatalogueFollower>;
  /** First contact with another device in bulk (none without a peer network or storage). */
  #bulk: Promise<BulkJoin | null>;

  #peers: PeerNetworkAdapter | null;

  /** `peers`: the network adapter other devices' DataChannels join (none in tests of a single device). */
  constructor(index: NoteIndex, store: Promise<NotesStore>, peers: PeerNetworkAdapter | null = null, options: DataServiceOptions = {}) {
    this.#index = index;
    this.#peers = peers;
    this.#indexLoaded = index.load();
    this.#store = store;
    this.#circuits = store.then((s) => new CircuitsStore(s.repo, s.catalogue));
    this.#tasks = store.then((s) => new TasksStore(s.repo, s.catalogue));
    this.#conversations = store.then((s) => new ConversationsStore(s.repo, s.catalogue));
    this.#follower = store.then((s) => new CatalogueFollower(s.repo, s.catalogue));
    this.#bulk = Promise.all([store, this.#follower]).then(([s, follower]) =>
      peers && s.storage ? new BulkJoin(peers, s, s.storage, follower) : null,
    );
    this.#bulk.catch(() => undefined);
    this.#recordings = store.then(
      (s) => new RecordingsStore(s.repo, s.catalogue, new SampleChunks(options.samplesDb ?? SAMPLES_DB), options.writer),
    );
    // Calls report a store that failed to open; these listeners just never start.
    store.then((s) => s.onChange(() => this.#changed('notes'))).catch(() => undefined);
    this.#tasks.then((s) => s.onChange(() => this.#changed('tasks'))).catch(() => undefined);
    this.#conversations.then((s) => s.onChange(() => this.#changed('conversations'))).catch(() => undefined);
    this.#recordings.then((s) => s.onChange(() => this.#changed('recordings'))).catch(() => undefined);
  }

  async listNotes(query: NoteQuery): Promise<NoteList> {
    await this.#indexLoaded;
    return listNotes(this.#index.records.values(), query);
  }

  async connect(onEvent: (event: DataEvent) => void): Promise<void> {
    this.#send = onEvent;
  }

  async watchNotes(watchId: string, query: NoteQuery): Promise<void> {
    this.#watches.set(watchId, { kind: 'list', query });
    const list = await this.listNotes(query);
    if (this.#watches.has(watchId)) void this.#send({ watchId, kind: 'list', list });
  }

  async watchNote(watchId: string, id: string): Promise<void> {
    this.#watches.set(watchId, { kind: 'note', id });
    const store = await this.#store;
    await store.open(id).catch(() => undefined); // an unknown id shows as "no such note"
    if (this.#watches.has(watchId)) void this.#send({ watchId, kind: 'note', note: store.view(id) });
  }

  unwatch(watchId: string): void {
    this.#watches.delete(watchId);
  }

  async createNote(init?: NotePatch): Promise<string> {
    return reportingDiskFull(async () => (await this.#store).create(init));
  }

  async createNotes(inits: NotePatch[]): Promise<string[]> {
    return reportingDiskFull(async () => (await this.#store).createMany(inits));
  }

  async updateNote(id: string, patch: NotePatch): Promise<void> {
    return reportingDiskFull(async () => (await this.#store).update(id, patch));
  }

  async listCircuits(): Promise<CircuitSummary[]> {
    return (await this.#circuits).list();
  }

  async getCircuit(id: string): Promise<CircuitView | null> {
    return (await this.#circuits).get(id);
  }

  async saveCircuit(init: { name: string; qasm: string }): Promise<string> {
    return reportingDiskFull(async () => (await this.#circuits).create(init));
  }

  async updateCircuit(id: string, patch: CircuitPatch): Promise<void> {
    return reportingDiskFull(async () => (await this.#circuits).update(id, patch));
  }

  async duplicateCircuit(id: string): Promise<string> {
    return (await this.#circuits).duplicate(id);
  }

  async listTasks(query: TaskQuery = {}): Promise<TaskView[]> {
    return (await this.#tasks).list(query);
  }

  async watchTasks(watchId: string, query: TaskQuery = {}): Promise<void> {
    this.#watches.set(watchId, { kind: 'tasks', query });
    const tasks = await this.listTasks(query);
    if (this.#watches.has(watchId)) void this.#send({ watchId, kind: 'tasks', tasks });
  }

  async getTask(id: string): Promise<TaskView | null> {
    return (await this.#tasks).get(id);
  }

  async createTask(init: TaskInit): Promise<string> {
    return reportingDiskFull(async () => (await this.#tasks).create(init));
  }

  async updateTask(id: string, patch: TaskPatch): Promise<void> {
    return reportingDiskFull(async () => (await this.#tasks).update(id, patch));
  }

  async findTasks(text: string): Promise<TaskView[]> {
    return (await this.#tasks).find(text);
  }

  async createConversation(): Promise<string> {
    return (await this.#conversations).create();
  }

  async appendTurn(conversationId: string, turn: { role: 'user' | 'assistant'; text: string; intent?: string }): Promise<string> {
    return reportingDiskFull(async () => (await this.#conversations).append(conversationId, turn));
  }

  async getConversation(id: string): Promise<ConversationView | null> {
    return (await this.#conversations).get(id);
  }

  async listConversations(): Promise<ConversationSummary[]> {
    return (await this.#conversations).list();
  }

  async watchConversation(watchId: string, id: string): Promise<void> {
    this.#watches.set(watchId, { kind: 'conversation', id });
    const conversation = await this.getConversation(id);
    if (this.#watches.has(watchId)) void this.#send({ watchId, kind: 'conversation', conversation });
  }

  async deleteConversation(id: string): Promise<void> {
    return (await this.#conversations).remove(id);
  }

  async startRecording(init: RecordingInit): Promise<string> {
    return (await this.#recordings).start(init);
  }

  async appendSamples(id: string, batch: SampleBatch): Promise<void> {
    (await this.#recordings).append(id, batch);
  }

  async setRecordingRate(id: string, hz: number): Promise<void> {
    return (await this.#recordings).setRate(id, hz);
  }

  async stopRecording(id: string): Promise<RecordingView> {
    return (await this.#recordings).stop(id);
  }

  async listRecordings(): Promise<RecordingSummary[]> {
    return (await this.#recordings).list();
  }

  async watchRecordings(watchId: string): Promise<void> {
    this.#watches.set(watchId, { kind: 'recordings' });
    const recordings = await this.listRecordings();
    if (this.#watches.has(watchId)) void this.#send({ watchId, kind: 'recordings', recordings });
  }

  async getRecording(id: string): Promise<RecordingView | null> {
    return (await this.#recordings).get(id);
  }

  async readSamples(id: string, fromIndex = 0): Promise<SampleBatch> {
    return (await this.#recordings).read(id, fromIndex);
  }

  async recordingSummary(id: string): Promise<ChannelSummary[]> {
    return (await this.#recordings).summary(id);
  }

  async exportRecording(id: string, format: 'csv' | 'json'): Promise<string> {
    return (await this.#recordings).export(id, format);
  }

  async deleteRecording(id: string): Promise<void> {
    return (await this.#recordings).remove(id);
  }

  async memoryItems(): Promise<MemoryItem[]> {
    await this.#store; // the index holds every catalogued note once the store reconciled
    await this.#indexLoaded;
    return memoryItems(this.#index.records.values(), await this.#tasks, await this.#conversations);
  }

  /** Grows with every change to notes, tasks or conversations (readers compare it to what they pulled). */
  async memoryVersion(): Promise<number> {
    return this.#memory.version;
  }

  onMemoryChange(callback: () => void): void {
    this.#memory.add(callback);
  }

  connectPort(port: MessagePort): void {
    Comlink.expose(this, port);
  }

  async exportBackup(options: { passphrase?: string } = {}): Promise<Uint8Array> {
    const plain = await exportBackup(await this.#stores());
    return options.passphrase ? encryptBackup(plain, options.passphrase) : plain;
  }

  async importBackup(bytes: Uint8Array, options: { passphrase?: string } = {}): Promise<ImportReport> {
    const plain = isEncryptedBackup(bytes) ? await decryptBackup(bytes, options.passphrase ?? '') : bytes;
    return importBackup(await this.#stores(), plain);
  }

  async exportNotesMarkdown(): Promise<Uint8Array> {
    await this.#indexLoaded;
    return notesToMarkdownZip(this.#index.records.values());
  }

  /** A DataChannel to another device, bridged by the page: Automerge syncs over it until it closes. */
  addPeerChannel(port: MessagePort): void {
    if (!this.#peers) throw new Error('this data service has no peer network');
    attachPort(this.#peers, port);
  }

  /** This device's catalogue document, which the devices of a sync space tell each other. */
  async catalogueId(): Promise<string> {
    return (await this.#store).catalogue.documentId;
  }

  /** Follows another device's catalogue (see bulkJoin.ts, catalogueFollower.ts); rejects when it cannot be found. */
  async followCatalogue(id: string): Promise<void> {
    const bulk = await this.#bulk;
    if (bulk) await bulk.meet(id);
    else await (await this.#follower).follow(id);
  }

  async stats(): Promise<DataStats> {
    const { notes: store, circuits, tasks, conversations, recordings } = await this.#stores();
    let notes = 0;
    for (const record of this.#index.records.values()) if (!record.deleted) notes++;
    const liveTasks = (await tasks.list()).length;
    const documents =
      store.noteIds().length + circuits.ids().length + tasks.ids().length + conversations.ids().length + recordings.ids().length;
    const liveRecordings = (await recordings.list()).length;
    const stats: DataStats = { notes, tasks: liveTasks, documents: documents + 1 }; // + the catalogue
    if (liveRecordings > 0) stats.recordings = liveRecordings;
    return stats;
  }

  async #stores(): Promise<BackupStores> {
    const [notes, circuits, tasks, conversations, recordings] = await Promise.all([
      this.#store,
      this.#circuits,
      this.#tasks,
      this.#conversations,
      this.#recordings,
    ]);
    return { notes, circuits, tasks, conversations, recordings };
  }

  /** Coalesces a burst of changes into one refresh of the watches they can affect. */
  #changed(area: Area): void {
    if (area !== 'recordings') this.#memory.changed(); // recordings are not in the memory
    if (this.#changedAreas.size === 0) {
      setTimeout(() => {
        const areas = new Set(this.#changedAreas);
        this.#changedAreas.clear();
        void this.#refresh(areas);
      }, 0);
    }
    this.#changedAreas.add(area);
  }

  async #refresh(areas: Set<Area>): Promise<void> {
    const store = await this.#store;
    for (const [watchId, watch] of this.#watches) {
      if (!areas.has(AREA[watch.kind])) continue;
      const event = await this.#snapshot(watchId, watch, store);
      // A watch stopped while the snapshot was read sends nothing.
      if (this.#watches.get(watchId) === watch) void Promise.resolve(this.#send(event)).catch(() => undefined);
    }
  }

  async #snapshot(watchId: string, watch: Watch, store: NotesStore): Promise<DataEvent> {
    switch (watch.kind) {
      case 'list':
        return { watchId, kind: 'list', list: store.list(watch.query) };
      case 'note':
        return { watchId, kind: 'note', note: store.view(watch.id) };
      case 'tasks':
        return { watchId, kind: 'tasks', tasks: await this.listTasks(watch.query) };
      case 'conversation':
        return { watchId, kind: 'conversation', conversation: await this.getConversation(watch.id) };
      case 'recordings':
        return { watchId, kind: 'recordings', recordings: await this.listRecordings() };
    }
  }
}
