// Streaming sample-rate conversion to 16 kHz mono (pure; runs in the AudioWorklet and in Node).
//
// A windowed-sinc (Kaiser) interpolator: output sample n sits at input time t = n·inRate/outRate
// and is Σ x[k]·h(t − k) over the input samples within the kernel's reach. The low-pass
// passes up to 7/8 of the lower Nyquist frequency (7 kHz when going to 16 kHz) and stops
// from the Nyquist frequency itself (8 kHz) with ~60 dB, so a tone above 8 kHz cannot alias
// into speech. The kernel is tabulated finely and read with linear interpolation, so any pair
// of integer rates works (48 000, 44 100, 22 050, 8 000 …) without a polyphase table per ratio.
// State is kept across blocks: feeding a signal in any block sizes gives the same output.

export const TARGET_RATE = 16_000;

/** Stopband attenuation the kernel is designed for, dB. */
const ATTENUATION_DB = 60;
/** Passband edge as a fraction of the lower Nyquist frequency. */
const PASSBAND = 0.875;
/** Kernel table resolution: points per input sample. */
const TABLE_STEPS = 128;

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 50; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

/** Averages channels into one (the worklet's input may be stereo). */
export function mixToMono(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0];
  const length = channels[0]?.length ?? 0;
  const out = new Float32Array(length);
  if (channels.length === 0) return out;
  for (const channel of channels) for (let i = 0; i < length; i++) out[i] += channel[i];
  const scale = 1 / channels.length;
  for (let i = 0; i < length; i++) out[i] *= scale;
  return out;
}

export class Resampler {
  readonly inRate: number;
  readonly outRate: number;
  /** Kernel half-width in input samples. */
  private readonly half: number;
  private readonly table: Float32Array;
  /** Input history: buffer[i] is absolute input sample bufferStart + i. */
  private buffer: Float32Array;
  private bufferStart: number;
  private bufferLength = 0;
  /** Input samples received so far (absolute). */
  private received = 0;
  /** Output samples produced so far. */
  private produced = 0;

  constructor(inRate: number, outRate = TARGET_RATE) {
    if (!(inRate > 0 && outRate > 0) || !Number.isInteger(inRate) || !Number.isInteger(outRate)) {
      throw new Error(`sample rates must be positive whole numbers (got ${inRate} → ${outRate})`);
    }
    this.inRate = inRate;
    this.outRate = outRate;
    const nyquist = Math.min(inRate, outRate) / 2;
    const passEdge = PASSBAND * nyquist;
    const cutoff = (passEdge + nyquist) / 2 / inRate; // cycles per input sample (−6 dB point)
    const transition = (nyquist - passEdge) / inRate;
    // Kaiser's estimates for the window's length and shape.
    const taps = Math.ceil((ATTENUATION_DB - 8) / (2.285 * 2 * Math.PI * transition)) + 1;
    const beta = 0.1102 * (ATTENUATION_DB - 8.7);
    this.half = Math.ceil(taps / 2);
    const i0Beta = besselI0(beta);
    this.table = new Float32Array(this.half * TABLE_STEPS + 2);
    for (let i = 0; i < this.table.length; i++) {
      const d = i / TABLE_STEPS;
      if (d >= this.half) break;
      const r = d / this.half;
      const window = besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
      const x = 2 * cutoff * d;
      const sinc = d === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      this.table[i] = 2 * cutoff * sinc * window;
    }
    // Zeros before the first sample: the stream starts from silence.
    this.bufferStart = -this.half;
    this.buffer = new Float32Array(4096);
    this.bufferLength = this.half;
  }

  /** Output samples expected for `inputSamples` of input once flushed. */
  outputLength(inputSamples: number): number {
    return Math.ceil((inputSamples * this.outRate) / this.inRate);
  }

  /** Feeds one block; returns the output samples it completes (may be empty). */
  push(input: Float32Array): Float32Array {
    this.append(input);
    this.received += input.length;
    return this.drain(this.received);
  }

  /** End of the stream: returns the remaining outputs, as if silence followed. */
  flush(): Float32Array {
    const wanted = this.outputLength(this.received);
    const pad = new Float32Array(this.half + 2);
    this.append(pad);
    const out = this.drain(this.received + this.half + 2, wanted);
    return out;
  }

  private append(input: Float32Array): void {
    const needed = this.bufferLength + input.length;
    if (needed > this.buffer.length) {
      const grown = new Float32Array(Math.max(needed, this.buffer.length * 2));
      grown.set(this.buffer.subarray(0, this.bufferLength));
      this.buffer = grown;
    }
    this.buffer.set(input, this.bufferLength);
    this.bufferLength = needed;
  }

  /** Produces every output whose kernel is covered by input below `available`. */
  private drain(available: number, limit = Infinity): Float32Array {
    const { half, table, inRate, outRate } = this;
    const count = Math.max(
      0,
      Math.min(limit - this.produced, Math.floor(((available - half - 1) * outRate) / inRate) - this.produced + 1),
    );
    const out = new Float32Array(count);
    const buffer = this.buffer;
    const start = this.bufferStart;
    for (let j = 0; j < count; j++) {
      const n = this.produced + j;
      const t = (n * inRate) / outRate; // exact for integers below 2^53
      const first = Math.max(start, Math.ceil(t - half));
      const last = Math.floor(t + half);
      let sum = 0;
      for (let k = first; k <= last; k++) {
        const pos = Math.abs(t - k) * TABLE_STEPS;
        const i = pos | 0;
        const frac = pos - i;
        const h = table[i] + (table[i + 1] - table[i]) * frac;
        sum += buffer[k - start] * h;
      }
      out[j] = sum;
    }
    this.produced += count;
    // Keep only what the next output's kernel can still reach.
    const nextT = (this.produced * inRate) / outRate;
    const keepFrom = Math.max(start, Math.ceil(nextT - half) - 1);
    const drop = Math.min(keepFrom - start, this.bufferLength);
    if (drop > 0) {
      this.buffer.copyWithin(0, drop, this.bufferLength);
      this.bufferLength -= drop;
      this.bufferStart += drop;
    }
    return out;
  }
}

/** Cuts a stream of samples into fixed-size frames (the worklet posts 1280-sample frames). */
export class Framer {
  private frame: Float32Array;
  private filled = 0;

  constructor(readonly size: number) {
    this.frame = new Float32Array(size);
  }

  /** Calls `emit` with each frame completed by `samples`; every frame is a fresh array (it may be transferred). */
  push(samples: Float32Array, emit: (frame: Float32Array) => void): void {
    let offset = 0;
    while (offset < samples.length) {
      const take = Math.min(this.size - this.filled, samples.length - offset);
      this.frame.set(samples.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === this.size) {
        const done = this.frame;
        this.frame = new Float32Array(this.size);
        this.filled = 0;
        emit(done);
      }
    }
  }
}
