// Buffers a recording's rows in the data worker and writes them as chunks: one chunk every
// `flushMs` (~1 s) after its first row, or as soon as `maxRows` rows are waiting, whichever
// comes first. Each chunk is one IndexedDB transaction (sampleChunks.ts), written in order
// one after the other. A crash therefore loses only rows not yet in a committed chunk: at
// most about one second (one chunk), never part of a chunk.

import type { SampleChunk } from './sampleChunks.ts';

export interface ChunkSink {
  put(chunk: SampleChunk): Promise<void>;
}

export interface ChunkedWriterOptions {
  /** Flush this long after the first unflushed row (default 1000 ms). */
  flushMs?: number;
  /** Flush as soon as this many rows wait (default 240: 4 s at 60 Hz, so time decides at real rates). */
  maxRows?: number;
  /** Continue a session already holding rows/chunks (default 0). */
  startRow?: number;
  startIndex?: number;
}

export class ChunkedWriter {
  readonly session: string;
  readonly channels: number;
  #sink: ChunkSink;
  #flushMs: number;
  #maxRows: number;
  #t: number[] = [];
  #values: number[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** Chunks cut but not yet committed, oldest first. */
  #inFlight: SampleChunk[] = [];
  #writing: Promise<void> = Promise.resolve();
  #error: Error | null = null;
  #nextIndex: number;
  #rows: number;
  #committedRows: number;
  #closed = false;

  constructor(sink: ChunkSink, session: string, channels: number, options: ChunkedWriterOptions = {}) {
    this.#sink = sink;
    this.session = session;
    this.channels = channels;
    this.#flushMs = options.flushMs ?? 1000;
    this.#maxRows = Math.max(1, options.maxRows ?? 240);
    this.#rows = this.#committedRows = options.startRow ?? 0;
    this.#nextIndex = options.startIndex ?? 0;
  }

  /** Rows appended so far (committed or not). */
  get rows(): number {
    return this.#rows;
  }

  /** Rows in committed chunks: what survives a crash now. */
  get committedRows(): number {
    return this.#committedRows;
  }

  /** Appends rows (each `channels` long; missing values NaN). Throws once a chunk write failed. */
  append(t: ArrayLike<number>, rows: ArrayLike<ArrayLike<number | null>>): void {
    if (this.#error) throw this.#error;
    if (this.#closed) throw new Error('This recording has stopped.');
    if (t.length !== rows.length) throw new Error('A sample batch needs one time per row.');
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      this.#t.push(Number(t[r]));
      for (let c = 0; c < this.channels; c++) {
        const value = row[c];
        this.#values.push(typeof value === 'number' ? Math.fround(value) : NaN); // as stored (float32)
      }
      this.#rows++;
      if (this.#t.length >= this.#maxRows) this.#cut();
    }
    if (this.#t.length > 0 && this.#timer === null) {
      this.#timer = setTimeout(() => {
        this.#timer = null;
        this.#cut();
      }, this.#flushMs);
    }
  }

  /** Writes whatever waits; resolves once every chunk so far is committed. */
  async flush(): Promise<void> {
    this.#cut();
    await this.#writing;
    if (this.#error) throw this.#error;
  }

  /** Flushes and refuses further rows. */
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      this.#closed = true;
    }
  }

  /**
   * The rows ≥ `fromRow` not yet committed (in flight or buffered), with the committed count
   * they follow: a reader takes rows below `committedRows` from IndexedDB and the rest from here.
   */
  pending(fromRow: number): { committedRows: number; t: number[]; rows: number[][] } {
    const t: number[] = [];
    const rows: number[][] = [];
    const take = (start: number, times: ArrayLike<number>, values: ArrayLike<number>) => {
      for (let r = Math.max(0, fromRow - start); r < times.length; r++) {
        t.push(times[r]);
        const row = new Array<number>(this.channels);
        for (let c = 0; c < this.channels; c++) row[c] = values[r * this.channels + c];
        rows.push(row);
      }
    };
    for (const chunk of this.#inFlight) take(chunk.start, chunk.t, chunk.values);
    take(this.#rows - this.#t.length, this.#t, this.#values);
    return { committedRows: this.#committedRows, t, rows };
  }

  /** Turns the buffered rows into a chunk and queues its write (after the previous ones). */
  #cut(): void {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    if (this.#t.length === 0) return;
    const start = this.#rows - this.#t.length;
    const chunk: SampleChunk = {
      session: this.session,
      index: this.#nextIndex++,
      start,
      end: this.#rows,
      channels: this.channels,
      t: Float64Array.from(this.#t),
      values: Float32Array.from(this.#values),
    };
    this.#t = [];
    this.#values = [];
    this.#inFlight.push(chunk);
    this.#writing = this.#writing.then(async () => {
      try {
        if (this.#error) return; // after a failed chunk nothing later is written (no gaps)
        await this.#sink.put(chunk);
        this.#committedRows = chunk.end;
      } catch (error) {
        this.#error = new Error(`Samples could not be saved: ${(error as Error)?.message ?? error}`);
      } finally {
        this.#inFlight.shift();
      }
    });
  }
}
