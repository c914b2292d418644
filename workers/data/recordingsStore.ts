// Sensor recordings: one Automerge document of metadata per session (syncable, listed in the
// catalogue's `recordings` map), and the samples in chunks outside Automerge
// (sampleChunks.ts), written by a ChunkedWriter while the session runs in this worker.
// Samples stay on the device that recorded them: another device sees the session's
// metadata (name, channels, rate, times, sample count) but no rows.

import type { DocHandle, Repo } from '@automerge/automerge-repo/slim';
import type { ChannelSummary, RecordingInit, RecordingSummary, RecordingView } from './api.ts';
import type { SampleBatch } from '../../src/features/sensors/types.ts';
import { ChunkedWriter, type ChunkedWriterOptions } from './chunkedWriter.ts';
import { UpdateTheAppError } from './notesStore.ts';
import type { SampleChunk, SampleChunks } from './sampleChunks.ts';
import { isTooNew, RECORDING_SCHEMA, type CatalogueDoc, type RecordingDoc } from './schema.ts';
import { CatalogueStore } from './catalogueStore.ts';

export const MIN_RATE_HZ = 1;
export const MAX_RATE_HZ = 60;

export class RecordingsStore extends CatalogueStore<RecordingDoc> {
  readonly chunks: SampleChunks;
  #writerOptions: ChunkedWriterOptions;
  #active = new Map<string, ChunkedWriter>();

  constructor(repo: Repo, catalogue: DocHandle<CatalogueDoc>, chunks: SampleChunks, writerOptions: ChunkedWriterOptions = {}) {
    super(repo, catalogue, 'recording', 'recordings');
    this.chunks = chunks;
    this.#writerOptions = writerOptions;
  }

  /** Every catalogued recording, deleted ones included. */
  async all(): Promise<RecordingView[]> {
    const views = await Promise.all(this.ids().map((id) => this.get(id)));
    return views.filter((view): view is RecordingView => view !== null);
  }

  async list(): Promise<RecordingSummary[]> {
    return (await this.all())
      .filter((r) => !r.deleted)
      .map(({ deleted: _d, created: _c, updated: _u, ...summary }) => summary)
      .sort((a, b) => b.started - a.started || a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<RecordingView | null> {
    if (!this.ids().includes(id)) return null;
    const doc = (await this.handle(id)).doc();
    if (doc?.kind !== 'recording') return null;
    const writer = this.#active.get(id);
    let samples = Number(doc.samples) || 0;
    if (writer) samples = writer.rows;
    // Never stopped and not running here: the tab recording it closed or crashed. What is
    // stored is what there is.
    else if (doc.ended === null || doc.ended === undefined) samples = (await this.chunks.extent(id)).rows;
    return {
      id,
      name: String(doc.name ?? ''),
      sensors: Array.isArray(doc.sensors) ? doc.sensors.map(String) : [],
      channels: Array.isArray(doc.channels) ? doc.channels.map(String) : [],
      rateHz: Number(doc.rateHz) || 0,
      started: Number(doc.started) || 0,
      ended: typeof doc.ended === 'number' ? doc.ended : null,
      samples,
      recording: writer !== undefined,
      tooNew: isTooNew(doc, RECORDING_SCHEMA),
      deleted: doc.deleted === true,
      created: Number(doc.created) || 0,
      updated: Number(doc.updated) || 0,
    };
  }

  async start(init: RecordingInit): Promise<string> {
    const channels = (init.channels ?? []).map(String);
    if (channels.length === 0) throw new Error('Pick at least one sensor to record.');
    if (new Set(channels).size !== channels.length) throw new Error('A recording cannot have the same channel twice.');
    const rateHz = checkRate(init.rateHz);
    const now = Date.now();
    const name = init.name?.trim() || `Recording ${new Date(now).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}`;
    const handle = this.repo.create<RecordingDoc>({
      schema: RECORDING_SCHEMA,
      kind: 'recording',
      name,
      sensors: (init.sensors ?? []).map(String),
      channels,
      rateHz,
      started: now,
      ended: null,
      samples: 0,
      deleted: false,
      created: now,
      updated: now,
    });
    this.watchHandle(handle);
    this.#active.set(handle.documentId, new ChunkedWriter(this.chunks, handle.documentId, channels.length, this.#writerOptions));
    this.catalogue.change((catalogue) => {
      catalogue.recordings ??= {};
      catalogue.recordings[handle.documentId] = true;
    });
    await this.repo.flush([handle.documentId, this.catalogue.documentId]);
    return handle.documentId;
  }

  append(id: string, batch: SampleBatch): void {
    const writer = this.#active.get(id);
    if (!writer) throw new Error('This recording is not running.');
    writer.append(batch.t, batch.rows);
  }

  async setRate(id: string, hz: number): Promise<void> {
    const rateHz = checkRate(hz);
    const handle = await this.#writable(id);
    if (handle.doc()?.rateHz === rateHz) return;
    handle.change((doc) => {
      doc.rateHz = rateHz;
      doc.updated = Date.now();
    });
    await this.repo.flush([handle.documentId]);
  }

  /** Flushes the last rows, then records the end and the count; a session not running here is just closed. */
  async stop(id: string): Promise<RecordingView> {
    const handle = await this.#writable(id);
    const writer = this.#active.get(id);
    let samples: number;
    let last: number | null = null;
    if (writer) {
      try {
        await writer.close();
      } finally {
        this.#active.delete(id);
      }
      samples = writer.committedRows;
      const tail = await this.chunks.read(id, Math.max(0, samples - 1));
      const lastChunk = tail.at(-1);
      if (lastChunk && lastChunk.t.length) last = lastChunk.t[lastChunk.t.length - 1];
    } else {
      samples = (await this.chunks.extent(id)).rows;
    }
    if (handle.doc()?.ended === null || writer) {
      handle.change((doc) => {
        doc.ended = last !== null ? Math.max(last, doc.started) : Date.now();
        doc.samples = samples;
        doc.updated = Date.now();
      });
      await this.repo.flush([handle.documentId]);
    }
    return (await this.get(id))!;
  }

  /** Rows from `fromRow` on: committed chunks from IndexedDB, then what is still in memory. */
  async read(id: string, fromRow = 0): Promise<SampleBatch> {
    const writer = this.#active.get(id);
    // Take the in-memory part first, synchronously: rows committed after this point are
    // cut from what IndexedDB returns, so nothing is read twice or missed.
    const pending = writer?.pending(fromRow);
    const limit = pending ? pending.committedRows : Infinity;
    const t: number[] = [];
    const rows: number[][] = [];
    for (const chunk of await this.chunks.read(id, fromRow)) {
      const first = Math.max(fromRow, chunk.start);
      const end = Math.min(chunk.end, limit);
      for (let r = first; r < end; r++) {
        const i = r - chunk.start;
        t.push(chunk.t[i]);
        rows.push(Array.from(chunk.values.subarray(i * chunk.channels, (i + 1) * chunk.channels)));
      }
    }
    if (pending) {
      t.push(...pending.t);
      for (const row of pending.rows) rows.push(row);
    }
    return { t, rows };
  }

  async summary(id: string): Promise<ChannelSummary[]> {
    const view = await this.get(id);
    if (!view) throw new Error('There is no such recording.');
    const n = view.channels.length;
    const min = new Array<number>(n).fill(Infinity);
    const max = new Array<number>(n).fill(-Infinity);
    const sum = new Array<number>(n).fill(0);
    const count = new Array<number>(n).fill(0);
    const { rows } = await this.read(id);
    for (const row of rows) {
      for (let c = 0; c < n; c++) {
        const v = row[c];
        if (Number.isNaN(v) || v === undefined) continue;
        if (v < min[c]) min[c] = v;
        if (v > max[c]) max[c] = v;
        sum[c] += v;
        count[c]++;
      }
    }
    return view.channels.map((channel, c) => ({
      channel,
      min: count[c] ? shortest(min[c]) : null,
      max: count[c] ? shortest(max[c]) : null,
      mean: count[c] ? sum[c] / count[c] : null,
      count: count[c],
    }));
  }

  async export(id: string, format: 'csv' | 'json'): Promise<string> {
    const view = await this.get(id);
    if (!view) throw new Error('There is no such recording.');
    const { t, rows } = await this.read(id);
    if (format === 'csv') {
      const lines = [['t', ...view.channels.map(csvCell)].join(',')];
      for (let r = 0; r < rows.length; r++) {
        let line = String(Math.round(t[r]));
        for (const v of rows[r]) line += Number.isNaN(v) ? ',' : `,${shortest(v)}`;
        lines.push(line);
      }
      return `${lines.join('\n')}\n`;
    }
    if (format !== 'json') throw new Error(`Unknown export format "${String(format)}".`);
    return JSON.stringify({
      format: 'jarvis-recording',
      version: 1,
      id: view.id,
      name: view.name,
      sensors: view.sensors,
      channels: view.channels,
      rateHz: view.rateHz,
      started: view.started,
      ended: view.ended,
      samples: rows.length,
      t: t.map((x) => Math.round(x)),
      rows: rows.map((row) => row.map((v) => (Number.isNaN(v) ? null : shortest(v)))),
    });
  }

  /** Soft-deletes the document (so other devices see it go) and drops the local chunks. */
  async remove(id: string): Promise<void> {
    const handle = await this.#writable(id);
    const writer = this.#active.get(id);
    if (writer) {
      this.#active.delete(id);
      await writer.close().catch(() => undefined);
    }
    handle.change((doc) => {
      doc.deleted = true;
      if (doc.ended === null) doc.ended = Date.now();
      doc.updated = Date.now();
    });
    await this.repo.flush([handle.documentId]);
    await this.chunks.remove(id);
  }

  async #writable(id: string): Promise<DocHandle<RecordingDoc>> {
    if (!this.ids().includes(id)) throw new Error('That recording does not exist on this device.');
    const handle = await this.handle(id);
    if (isTooNew(handle.doc(), RECORDING_SCHEMA)) throw new UpdateTheAppError('recording');
    return handle;
  }
}

function checkRate(hz: number): number {
  const rate = Number(hz);
  if (!Number.isFinite(rate) || rate < MIN_RATE_HZ || rate > MAX_RATE_HZ) {
    throw new Error(`A recording rate must be between ${MIN_RATE_HZ} and ${MAX_RATE_HZ} Hz.`);
  }
  return rate;
}

/** The shortest decimal that reads back to the same float32 (stored values are float32). */
export function shortest(value: number): number {
  const f = Math.fround(value);
  if (!Number.isFinite(f)) return f;
  for (let digits = 1; digits < 10; digits++) {
    const candidate = Number(f.toPrecision(digits));
    if (Math.fround(candidate) === f) return candidate;
  }
  return f;
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Chunks of the given sessions, for a backup. */
export async function chunksOf(chunks: SampleChunks, ids: string[]): Promise<SampleChunk[]> {
  return (await Promise.all(ids.map((id) => chunks.read(id)))).flat();
}
