// The UI's handle on the inference worker (models, semantic memory, intent router), and
// its status: model states and download progress arrive through one comlink callback.
import type { InferenceApi, InferenceEvent, ModelStatus } from '../../workers/inference/api.ts';
import { data } from './data.ts';
import { embeddingModel } from './modelSettings.ts';
import { Comlink, createWorkerBridge } from './workerBridge.ts';

export const inferenceWorker = createWorkerBridge<InferenceApi>(
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- the worker's script URL, not state
  () => new Worker(new URL('../../workers/inference/inference.worker.ts', import.meta.url), { type: 'module', name: 'inference' }),
  'inference',
  // An empty utterance: the router answers "unknown" without touching a model.
  { probe: (api) => api.route('', { now: 0, timeZone: 'UTC' }) },
);

export const inferenceStatus = $state({
  models: [] as ModelStatus[],
  /** Bytes of the download or first load under way, by model id. */
  progress: {} as Record<string, { loaded: number; total: number }>,
  memory: { indexed: 0, total: 0, model: null as string | null, paused: false },
  /** The speech model (whisper-tiny): 'idle' until something asks for it ("Loading the speech model…" while 'loading'). */
  speech: { state: 'idle' as 'idle' | 'loading' | 'ready' | 'error', message: undefined as string | undefined },
});

let connected: Promise<Comlink.Remote<InferenceApi>> | null = null;

function onEvent(event: InferenceEvent): void {
  if (event.kind === 'models') inferenceStatus.models = event.models;
  else if (event.kind === 'progress') inferenceStatus.progress[event.model] = { loaded: event.loaded, total: event.total };
  else if (event.kind === 'memory') inferenceStatus.memory = { indexed: event.indexed, total: event.total, model: event.model, paused: event.paused };
  else if (event.kind === 'speech-model') inferenceStatus.speech = { state: event.state, message: event.message };
}

const startHooks: ((api: Comlink.Remote<InferenceApi>) => unknown)[] = [];

/**
 * Runs `hook` each time the worker starts (and connects), before it gets any work; never
 * starts the worker itself (e.g. the battery policy pausing background embedding).
 */
export function whenInferenceStarted(hook: (api: Comlink.Remote<InferenceApi>) => unknown): void {
  startHooks.push(hook);
}

/** The worker if something already started it, else null (without starting it). */
export function inferenceIfStarted(): Promise<Comlink.Remote<InferenceApi>> | null {
  return connected;
}

/** The inference worker, connected to the page's status and to the data worker (a port each way). */
export function inference(): Promise<Comlink.Remote<InferenceApi>> {
  connected ??= (async () => {
    const api = await inferenceWorker.api();
    // Returns nothing: a listener's return value would be posted back to the worker.
    await api.connect(Comlink.proxy((event: InferenceEvent) => void onEvent(event)));
    await Promise.allSettled(startHooks.map(async (hook) => hook(api)));
    const channel = new MessageChannel();
    await (await data()).connectPort(Comlink.transfer(channel.port1, [channel.port1]));
    await api.connectData(Comlink.transfer(channel.port2, [channel.port2]));
    await api.useEmbeddingModel(embeddingModel.get());
    inferenceStatus.models = await api.models();
    return api;
  })();
  return connected;
}

/** Cancels whatever the worker does (a download, a load) and starts a fresh one on next use. */
export function restartInference(): void {
  inferenceWorker.terminate();
  connected = null;
  inferenceStatus.progress = {};
  inferenceStatus.speech = { state: 'idle', message: undefined };
}
