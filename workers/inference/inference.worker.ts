// The inference worker: transformers.js (models verified into Cache Storage before use),
// the semantic memory index and the intent router, which share one embedding pipeline.
// Until the model is loaded, the router runs on keyword rules and memory on BM25 alone.
import * as Comlink from 'comlink';
import type { DataApi } from '../data/api.ts';
import { createRouter, type Router } from '../assistant/router.ts';
import { MemoryIndex, type MemoryItem } from '../memory/memoryIndex.ts';
import { IdbVectorStore } from '../memory/vectorStore.ts';
import type { InferenceApi, InferenceEvent, ModelStatus } from './api.ts';
import { BUILT_IN_EMBEDDING_MODEL, type Embed } from './embed.ts';
import { loadEmbedder } from './embedder.ts';
import { ModelFileError } from './fetchModel.ts';
import { MODELS, modelBytes, modelById, type ModelEntry } from './modelManifest.ts';
import { cacheModel, deleteCachedModel, isCached, isServedLocally } from './modelStore.ts';
import { HUB_URL } from './hub.ts';
import { configureRuntime, pickDevice } from './runtime.ts';
import { loadTranscriber, SPEECH_MODEL, type Transcriber } from './transcriber.ts';

configureRuntime();

let emit: (event: InferenceEvent) => void = () => {};
let dataApi: Comlink.Remote<DataApi> | null = null;
const store = new IdbVectorStore();

let embeddingModelId = BUILT_IN_EMBEDDING_MODEL;
let embedder: Promise<Embed | null> | null = null;
let router: Router = createRouter();
let memory = new MemoryIndex({ embed: null, store });
let backgroundPaused = false;
/** Per model: what went wrong last, and whether a download is under way. */
const failures = new Map<string, string>();
const downloading = new Set<string>();

function userMessage(error: unknown): string {
  if (error instanceof ModelFileError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

async function statusOf(entry: ModelEntry): Promise<ModelStatus> {
  const base = {
    id: entry.id,
    task: entry.task,
    bytes: modelBytes(entry),
    licence: `${entry.licence.spdx}. ${entry.licence.notice}`,
    bundled: entry.bundled,
  };
  if (downloading.has(entry.id)) return { ...base, state: 'downloading' };
  if (await isCached(entry)) return { ...base, state: 'cached' };
  const message = failures.get(entry.id);
  if (message) return { ...base, state: 'error', message };
  return { ...base, state: (await isServedLocally(entry)) ? 'local' : 'remote' };
}

async function models(): Promise<ModelStatus[]> {
  return Promise.all(MODELS.map(statusOf));
}

async function announceModels(): Promise<void> {
  emit({ kind: 'models', models: await models() });
}

function announceMemory(): void {
  const stats = memory.stats();
  emit({
    kind: 'memory',
    indexed: stats.embedded,
    total: stats.items,
    model: stats.keywordOnly ? null : stats.modelId,
    paused: stats.paused,
  });
}

/** Caches the model from /models at first use (verified), then builds the pipeline. */
async function loadModel(entry: ModelEntry): Promise<Embed | null> {
  try {
    if (!(await isCached(entry))) {
      if (!(await isServedLocally(entry))) return null;
      await cacheModel(entry, { onProgress: (p) => emit({ kind: 'progress', model: p.model, loaded: p.loaded, total: p.total }) });
    }
    const embed = await loadEmbedder(entry.id);
    failures.delete(entry.id);
    return embed;
  } catch (error) {
    failures.set(entry.id, userMessage(error));
    return null;
  }
}

/** The chosen model, else the built-in one (e.g. the chosen one was deleted); null: rules and keywords only. */
async function startEmbedder(): Promise<Embed | null> {
  const candidates = [...new Set([embeddingModelId, BUILT_IN_EMBEDDING_MODEL])].map(modelById).filter((e) => e !== undefined);
  try {
    for (const entry of candidates) {
      const embed = await loadModel(entry);
      if (!embed) continue;
      router = createRouter(embed);
      memory.pause(); // the keyword-only (or previous model's) index stops its background work
      memory = new MemoryIndex({ embed, store, modelId: entry.id });
      if (backgroundPaused) memory.pause();
      await refreshMemory();
      return embed;
    }
    return null;
  } finally {
    void announceModels();
  }
}

function warmUp(): Promise<Embed | null> {
  embedder ??= startEmbedder();
  return embedder;
}

let speech: Promise<Transcriber> | null = null;

/** whisper-tiny: cached (verified) from /models at first use, like the embedding model. */
async function startSpeech(): Promise<Transcriber> {
  const entry = modelById(SPEECH_MODEL);
  if (!entry) throw new Error(`The model manifest has no ${SPEECH_MODEL}.`);
  emit({ kind: 'speech-model', state: 'loading' });
  try {
    if (!(await isCached(entry))) {
      if (!(await isServedLocally(entry))) {
        const mb = Math.round(modelBytes(entry) / 1e6);
        throw new Error(`The speech model (${SPEECH_MODEL}, ${mb} MB) is not on this device. Download it in System → Settings → Models.`);
      }
      try {
        await cacheModel(entry, { onProgress: (p) => emit({ kind: 'progress', model: p.model, loaded: p.loaded, total: p.total }) });
      } catch (error) {
        failures.set(entry.id, userMessage(error));
        throw error;
      }
    }
    const transcriber = await loadTranscriber({ device: await pickDevice() });
    failures.delete(entry.id);
    emit({ kind: 'speech-model', state: 'ready' });
    return transcriber;
  } catch (error) {
    const message = userMessage(error);
    emit({ kind: 'speech-model', state: 'error', message });
    throw new Error(message, { cause: error });
  } finally {
    void announceModels();
  }
}

function warmUpSpeech(): Promise<Transcriber> {
  if (!speech) {
    speech = startSpeech();
    speech.catch(() => (speech = null)); // the next attempt tries again (e.g. after a download)
  }
  return speech;
}

/** Brings the index in line with the data worker's items (new, edited, deleted). */
let refreshing: Promise<void> | null = null;
let refreshAgain = false;
/** The data worker's memoryVersion when the index last pulled its items. */
let syncedVersion = -1;
async function refreshMemory(): Promise<void> {
  if (!dataApi) return;
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      refreshAgain = false;
      const version = await dataApi!.memoryVersion();
      const items: MemoryItem[] = await dataApi!.memoryItems();
      const live = new Set(items.map((item) => item.id));
      const gone = memory.ids().filter((id) => !live.has(id));
      if (gone.length) await memory.remove(gone);
      const done = memory.upsert(items);
      syncedVersion = version;
      announceMemory();
      void done.then(announceMemory, () => announceMemory());
    } while (refreshAgain);
  })().finally(() => {
    refreshing = null;
    if (refreshAgain) void refreshMemory(); // asked for between the last pass and now
  });
  return refreshing;
}

/** A search must see the note saved a moment ago, even before the change notice arrives. */
async function ensureFresh(): Promise<void> {
  if (!dataApi) return;
  if (refreshing || (await dataApi.memoryVersion()) !== syncedVersion) await refreshMemory();
}

const api: InferenceApi = {
  async connect(onEvent) {
    emit = (event) => {
      try {
        onEvent(event);
      } catch {
        // The page went away; nothing to tell.
      }
    };
  },
  async connectData(port) {
    dataApi = Comlink.wrap<DataApi>(port);
    await dataApi.onMemoryChange(Comlink.proxy(() => void refreshMemory()));
    await refreshMemory();
  },
  models,
  async downloadModel(id, hubUrl = HUB_URL) {
    const entry = modelById(id);
    if (!entry) throw new Error(`There is no model called ${id}.`);
    downloading.add(id);
    failures.delete(id);
    void announceModels();
    try {
      await cacheModel(entry, {
        hubUrl,
        onProgress: (p) => emit({ kind: 'progress', model: p.model, loaded: p.loaded, total: p.total }),
      });
    } catch (error) {
      failures.set(id, userMessage(error));
      throw new Error(userMessage(error), { cause: error });
    } finally {
      downloading.delete(id);
      void announceModels();
    }
  },
  async deleteModel(id) {
    const entry = modelById(id);
    if (entry && !entry.bundled) await deleteCachedModel(entry);
    if (id === SPEECH_MODEL && speech) {
      const loaded = speech;
      speech = null;
      void loaded.then((t) => t.dispose(), () => {});
    }
    failures.delete(id);
    void announceModels();
  },
  async useEmbeddingModel(id) {
    if (id === embeddingModelId || !modelById(id)) return;
    embeddingModelId = id;
    embedder = null;
    await warmUp();
  },
  async warmUp() {
    return (await warmUp()) !== null;
  },
  async route(text, context) {
    return router.route(text, { now: new Date(context.now), timeZone: context.timeZone });
  },
  async searchMemory(query, options = {}) {
    await ensureFresh();
    return memory.search(query, { limit: options.limit ?? 5, kinds: options.kinds });
  },
  async warmUpSpeech() {
    await warmUpSpeech();
  },
  async transcribe(audio, options = {}) {
    const transcriber = await warmUpSpeech();
    return transcriber.transcribe(audio, { language: options.language ?? 'english' });
  },
  setBackgroundPaused(paused) {
    backgroundPaused = paused;
    if (paused) memory.pause();
    else memory.resume();
    announceMemory();
  },
};

Comlink.expose(api);
self.postMessage({ type: 'ready' });
