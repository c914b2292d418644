// Where one spoken utterance starts and ends, from the energy of 16 kHz audio (pure; runs in
// the AudioWorklet, in tests and in the benchmark).
//
// Audio is measured in 20 ms windows. A noise floor follows the quietest recent windows
// (it drops at once and rises slowly, so steady background noise is learnt within seconds
// but speech does not lift it). Speech starts when windows stay well above the floor (and
// above an absolute minimum) for ~100 ms; it ends after ~0.8 s without a window above a
// lower threshold (hysteresis, so trailing consonants and short pauses do not end it). The
// utterance keeps ~0.5 s from before the start: whisper-tiny drops words when speech begins
// at sample 0. One-shot: after an utterance or "no speech" it ignores audio until reset().

export const ENDPOINTER_RATE = 16_000;

export interface EndpointerOptions {
  /** Audio kept from before the detected start, ms. */
  preRollMs?: number;
  /** Silence that ends an utterance, ms. */
  endSilenceMs?: number;
  /** An utterance is cut here, ms. */
  maxUtteranceMs?: number;
  /** Without any speech for this long: "no-speech", ms. */
  noSpeechTimeoutMs?: number;
  /** Loud windows needed in a row before speech counts as started, ms. */
  minSpeechMs?: number;
  /** A window is speech when this far above the noise floor (start), dB. */
  startMarginDb?: number;
  /** … and speech goes on while windows stay this far above it, dB. */
  continueMarginDb?: number;
  /** Nothing quieter than this is speech, whatever the floor (dBFS). */
  minSpeechDbfs?: number;
}

export type EndpointerEvent =
  | { type: 'speech-start' }
  | { type: 'utterance'; samples: Float32Array; reason: 'silence' | 'max-length' | 'end-of-input' }
  | { type: 'no-speech' };

export type EndpointerState = 'waiting' | 'speech' | 'done';

const WINDOW = 320; // 20 ms at 16 kHz
const WINDOW_MS = (WINDOW / ENDPOINTER_RATE) * 1000;
const SILENT_DB = -100;
/** How fast the floor may rise towards louder windows, dB per window (5 dB/s). */
const FLOOR_RISE_DB = 0.1;

const DEFAULTS: Required<EndpointerOptions> = {
  preRollMs: 500,
  endSilenceMs: 800,
  maxUtteranceMs: 30_000,
  noSpeechTimeoutMs: 8_000,
  minSpeechMs: 100,
  startMarginDb: 12,
  continueMarginDb: 6,
  minSpeechDbfs: -50,
};

export function rmsOf(samples: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i] * samples[i];
  return samples.length ? Math.sqrt(sum / samples.length) : 0;
}

function toDb(rms: number): number {
  return rms > 0 ? Math.max(SILENT_DB, 20 * Math.log10(rms)) : SILENT_DB;
}

export class Endpointer {
  readonly options: Required<EndpointerOptions>;
  private _state: EndpointerState = 'waiting';
  private floorDb = NaN;
  /** Samples of the window being filled. */
  private window = new Float32Array(WINDOW);
  private windowFilled = 0;
  /** Every sample since reset, while waiting only the last pre-roll + start run (a ring of windows). */
  private history: Float32Array[] = [];
  private historyCap: number;
  /** Loud windows in a row while waiting. */
  private loudRun = 0;
  /** Windows since reset (for the no-speech timeout) and since speech started. */
  private windowsSeen = 0;
  private speechWindows = 0;
  private quietRun = 0;
  /** Utterance so far (pre-roll included). */
  private utterance: Float32Array[] = [];

  constructor(options: EndpointerOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
    this.historyCap = Math.ceil((this.options.preRollMs + this.options.minSpeechMs) / WINDOW_MS) + 1;
  }

  get state(): EndpointerState {
    return this._state;
  }

  /** The current noise floor estimate, dBFS (NaN before any audio). */
  get noiseFloorDb(): number {
    return this.floorDb;
  }

  /** Listens for a new utterance (the noise floor learnt so far is kept). */
  reset(options: EndpointerOptions = {}): void {
    Object.assign(this.options, options);
    this.historyCap = Math.ceil((this.options.preRollMs + this.options.minSpeechMs) / WINDOW_MS) + 1;
    this._state = 'waiting';
    this.history = [];
    this.utterance = [];
    this.loudRun = 0;
    this.windowsSeen = 0;
    this.speechWindows = 0;
    this.quietRun = 0;
  }

  /** Stops listening without a result (an utterance under way is dropped); the floor keeps learning. */
  stop(): void {
    this._state = 'done';
    this.history = [];
    this.utterance = [];
    this.loudRun = 0;
  }

  /** Feeds 16 kHz mono samples (any length); returns what happened in them. */
  push(samples: Float32Array): EndpointerEvent[] {
    const events: EndpointerEvent[] = [];
    let offset = 0;
    while (offset < samples.length) {
      const take = Math.min(WINDOW - this.windowFilled, samples.length - offset);
      this.window.set(samples.subarray(offset, offset + take), this.windowFilled);
      this.windowFilled += take;
      offset += take;
      if (this.windowFilled === WINDOW) {
        const full = this.window;
        this.window = new Float32Array(WINDOW);
        this.windowFilled = 0;
        this.onWindow(full, events);
      }
    }
    return events;
  }

  /** The input ended (e.g. the user pressed stop): an utterance under way is returned as it is. */
  finish(): EndpointerEvent[] {
    if (this._state !== 'speech') return [];
    if (this.windowFilled > 0) this.utterance.push(this.window.slice(0, this.windowFilled));
    this.windowFilled = 0;
    return [this.complete('end-of-input')];
  }

  private onWindow(window: Float32Array, events: EndpointerEvent[]): void {
    // The floor learns from the noise while idle too, so the first command after a quiet
    // spell starts from a good estimate.
    const db = toDb(rmsOf(window));
    const o = this.options;
    if (Number.isNaN(this.floorDb)) this.floorDb = db;
    if (this._state === 'done') {
      this.track(db);
      return;
    }
    this.windowsSeen++;
    if (this._state === 'waiting') {
      const loud = db > this.floorDb + o.startMarginDb && db > o.minSpeechDbfs;
      this.history.push(window);
      if (this.history.length > this.historyCap) this.history.shift();
      if (loud) {
        this.loudRun++;
        if (this.loudRun * WINDOW_MS >= o.minSpeechMs) {
          this._state = 'speech';
          // Pre-roll: the windows before the first loud one, plus the loud run itself.
          const keep = this.loudRun + Math.ceil(o.preRollMs / WINDOW_MS);
          this.utterance = this.history.slice(-keep);
          this.history = [];
          this.speechWindows = this.loudRun;
          this.quietRun = 0;
          events.push({ type: 'speech-start' });
        }
      } else {
        this.loudRun = 0;
        this.track(db);
        if (this.windowsSeen * WINDOW_MS >= o.noSpeechTimeoutMs) {
          this._state = 'done';
          this.history = [];
          events.push({ type: 'no-speech' });
        }
      }
      return;
    }
    // In speech: the floor may only fall (speech must not raise it).
    if (db < this.floorDb) this.floorDb = db;
    this.utterance.push(window);
    this.speechWindows++;
    const voiced = db > this.floorDb + o.continueMarginDb && db > o.minSpeechDbfs - o.startMarginDb + o.continueMarginDb;
    this.quietRun = voiced ? 0 : this.quietRun + 1;
    if (this.quietRun * WINDOW_MS >= o.endSilenceMs) events.push(this.complete('silence'));
    else if (this.utterance.length * WINDOW_MS >= o.maxUtteranceMs) events.push(this.complete('max-length'));
  }

  private track(db: number): void {
    if (db < this.floorDb) this.floorDb = db;
    else this.floorDb += Math.min(db - this.floorDb, FLOOR_RISE_DB);
  }

  private complete(reason: 'silence' | 'max-length' | 'end-of-input'): EndpointerEvent {
    const length = this.utterance.reduce((n, w) => n + w.length, 0);
    const samples = new Float32Array(length);
    let at = 0;
    for (const w of this.utterance) {
      samples.set(w, at);
      at += w.length;
    }
    this.utterance = [];
    this._state = 'done';
    return { type: 'utterance', samples, reason };
  }
}
