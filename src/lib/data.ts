// The UI's handle on the data worker (notes and every other Automerge document), and
// watches: the worker pushes plain-JSON snapshots through one comlink callback.
import type {
  ConversationView,
  DataApi,
  DataEvent,
  NoteList,
  NoteQuery,
  NoteView,
  RecordingSummary,
  TaskQuery,
  TaskView,
} from '../../workers/data/api.ts';
import { Comlink, createWorkerBridge } from './workerBridge.ts';

export const dataWorker = createWorkerBridge<DataApi>(
  () => new Worker(new URL('../../workers/data/data.worker.ts', import.meta.url), { type: 'module', name: 'data' }),
  'data',
  { probe: (api) => api.memoryVersion() },
);

const listeners = new Map<string, (event: DataEvent) => void>();
let connected: Promise<Comlink.Remote<DataApi>> | null = null;
let nextWatch = 1;

/** The data worker's API, connected to this page's snapshot channel. */
export function data(): Promise<Comlink.Remote<DataApi>> {
  connected ??= dataWorker.api().then(async (api) => {
    // Returns nothing: whatever a listener returns would be sent back to the worker.
    await api.connect(
      Comlink.proxy((event: DataEvent) => {
        listeners.get(event.watchId)?.(event);
      }),
    );
    return api;
  });
  return connected;
}

/** Keeps `onList` up to date with the notes matching `query`; returns a stop function. */
export function watchNotes(query: NoteQuery, onList: (list: NoteList) => void): () => void {
  return watch(
    (event) => event.kind === 'list' && onList(event.list),
    (api, watchId) => api.watchNotes(watchId, query),
  );
}

/** Keeps `onNote` up to date with one note (null when there is no such note). */
export function watchNote(id: string, onNote: (note: NoteView | null) => void): () => void {
  return watch((event) => event.kind === 'note' && onNote(event.note), (api, watchId) => api.watchNote(watchId, id));
}

/** Keeps `onTasks` up to date with the tasks matching `query`, in list order. */
export function watchTasks(query: TaskQuery, onTasks: (tasks: TaskView[]) => void): () => void {
  return watch((event) => event.kind === 'tasks' && onTasks(event.tasks), (api, watchId) => api.watchTasks(watchId, query));
}

/** Keeps `onConversation` up to date with one conversation (null when there is no such one). */
export function watchConversation(id: string, onConversation: (conversation: ConversationView | null) => void): () => void {
  return watch(
    (event) => event.kind === 'conversation' && onConversation(event.conversation),
    (api, watchId) => api.watchConversation(watchId, id),
  );
}

/** Keeps `onRecordings` up to date with the sensor recordings (latest started first). */
export function watchRecordings(onRecordings: (recordings: RecordingSummary[]) => void): () => void {
  return watch((event) => event.kind === 'recordings' && onRecordings(event.recordings), (api, watchId) => api.watchRecordings(watchId));
}

function watch(
  listener: (event: DataEvent) => void,
  start: (api: Comlink.Remote<DataApi>, watchId: string) => Promise<void>,
): () => void {
  const watchId = String(nextWatch++);
  listeners.set(watchId, listener);
  void data().then((api) => start(api, watchId));
  return () => {
    listeners.delete(watchId);
    void data().then((api) => api.unwatch(watchId));
  };
}
