// Rows from timestamped readings: tick k is due at origin + k·period (computed, so no drift),
// and its row holds each channel's latest reading that arrived at or before that time. The
// recorder notes readings as they come and asks for the rows once per batch, so no timer
// runs per tick (recorder.svelte.ts).

import type { Reading } from './types.ts';

export class SampleAndHold {
  readonly channels: string[];
  #column: Record<string, number> = Object.create(null);
  #latest: number[];
  #readingT: number[] = [];
  #readingV: Reading[] = [];
  #origin = 0;
  #period = 1;
  #k = 1;

  constructor(channels: string[], origin: number, periodMs: number) {
    this.channels = channels;
    channels.forEach((channel, i) => (this.#column[channel] = i));
    this.#latest = new Array<number>(channels.length).fill(NaN);
    this.restart(origin, periodMs);
  }

  /** A new grid from `origin` (a rate change): the first tick is due one period later. */
  restart(origin: number, periodMs: number): void {
    this.#origin = origin;
    this.#period = periodMs;
    this.#k = 1;
  }

  /** A reading that arrived at `t` (same clock as the grid). Cheap: this runs in the sensor callback. */
  note(t: number, reading: Reading): void {
    this.#readingT.push(t);
    this.#readingV.push(reading);
  }

  /**
   * The rows of every tick due by `now`, with their due times. When the oldest is more than
   * `maxCatchUpMs` overdue, ticks before now − maxCatchUpMs are skipped (a gap, no rows).
   */
  rowsUntil(now: number, maxCatchUpMs = Infinity): { t: number[]; rows: number[][] } {
    const t: number[] = [];
    const rows: number[][] = [];
    const times = this.#readingT;
    let r = 0;
    let due = this.#origin + this.#k * this.#period;
    if (now - due > maxCatchUpMs) {
      this.#k = Math.ceil((now - maxCatchUpMs - this.#origin) / this.#period);
      due = this.#origin + this.#k * this.#period;
      for (; r < times.length && times[r] < due; r++) this.#apply(this.#readingV[r]);
    }
    while (due <= now) {
      for (; r < times.length && times[r] <= due; r++) this.#apply(this.#readingV[r]);
      t.push(due);
      rows.push(this.#latest.slice());
      this.#k++;
      due = this.#origin + this.#k * this.#period;
    }
    if (r > 0) {
      this.#readingT = times.slice(r);
      this.#readingV = this.#readingV.slice(r);
    }
    return { t, rows };
  }

  #apply(reading: Reading): void {
    for (const key in reading) {
      const i = this.#column[key];
      if (i !== undefined) this.#latest[i] = reading[key] ?? NaN;
    }
  }
}
