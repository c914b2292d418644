// The inference worker's typed API, imported by both sides of the comlink bridge.
// It hosts transformers.js (models), the semantic memory index and the intent router,
// which all need the same embedding pipeline.
import type { Routed } from '../assistant/router.ts';
import type { MemoryHit } from '../memory/memoryIndex.ts';

export type ModelState =
  /** Verified and in Cache Storage: works offline. */
  | 'cached'
  /** Served by this app (/models) but not used yet: verified and cached at first use. */
  | 'local'
  /** Only on the Hugging Face Hub: the user may download it (its size is shown). */
  | 'remote'
  | 'downloading'
  | 'error';

export interface ModelStatus {
  id: string;
  task: string;
  bytes: number;
  licence: string;
  bundled: boolean;
  state: ModelState;
  /** Why the last load or download failed, in plain words. */
  message?: string;
}

export type InferenceEvent =
  | { kind: 'progress'; model: string; loaded: number; total: number }
  | { kind: 'models'; models: ModelStatus[] }
  | { kind: 'memory'; indexed: number; total: number; model: string | null; paused: boolean }
  /** The speech model (whisper-tiny): 'loading' covers caching it from /models and building the pipeline. */
  | { kind: 'speech-model'; state: 'loading' | 'ready' | 'error'; message?: string };

export interface TranscribeOptions {
  /** Whisper's language name ('english', 'german', …); 'english' when left out. */
  language?: string;
}

export interface TranscribeResult {
  /** What was said, trimmed ('' when no words were made out). */
  text: string;
  /** Time the model took, ms. */
  ms: number;
}

export interface RouteContext {
  /** Epoch ms: "tomorrow" means tomorrow from here. */
  now: number;
  /** IANA zone of the device, kept with every due time. */
  timeZone: string;
}

export interface InferenceApi {
  /** The page's one channel for progress and status (a comlink proxy). */
  connect(onEvent: (event: InferenceEvent) => void): Promise<void>;
  /** A port to the data worker (a MessageChannel the page made): memory reads notes, tasks and turns through it. */
  connectData(port: MessagePort): Promise<void>;
  models(): Promise<ModelStatus[]>;
  /** Fetches a model from the Hub (or the URL given), checks every file's size and hash, caches it. */
  downloadModel(id: string, hubUrl?: string): Promise<void>;
  deleteModel(id: string): Promise<void>;
  /** Which embedding model memory and the router use (re-embeds when it changes). */
  useEmbeddingModel(id: string): Promise<void>;
  /** Starts loading the embedding model; resolves true once the router and memory can use it. */
  warmUp(): Promise<boolean>;
  route(text: string, context: RouteContext): Promise<Routed>;
  searchMemory(query: string, options?: { limit?: number; kinds?: ('note' | 'task' | 'turn')[] }): Promise<MemoryHit[]>;
  /**
   * Loads the speech model (Xenova/whisper-tiny q8): verified into Cache Storage from /models
   * at first use, with 'progress' and 'speech-model' events. Rejects with a plain message when
   * the model is neither cached nor served here. Safe to call again (loads once).
   */
  warmUpSpeech(): Promise<void>;
  /** 16 kHz mono samples (~0.5 s of quiet before the speech) → text. Transfer the buffer (Comlink.transfer). */
  transcribe(audio: Float32Array, options?: TranscribeOptions): Promise<TranscribeResult>;
  /** Battery saver: background embedding pauses (searches still work). */
  setBackgroundPaused(paused: boolean): void;
}
