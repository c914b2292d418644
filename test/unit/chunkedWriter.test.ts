import { describe, expect, it } from 'vitest';
import { ChunkedWriter } from '../../workers/data/chunkedWriter.ts';
import { SampleChunks, type SampleChunk } from '../../workers/data/sampleChunks.ts';
import { waitFor } from './helpers.ts';

let counter = 0;
const dbName = () => `chunks-${process.pid}-${++counter}`;

function rows(from: number, n: number) {
  const t = Array.from({ length: n }, (_, i) => 1000 + (from + i) * 20);
  const values = Array.from({ length: n }, (_, i) => [from + i, -(from + i)]);
  return { t, values };
}

/** Every stored row, in order, checking that chunks are whole and contiguous. */
async function stored(chunks: SampleChunks, session: string): Promise<number[]> {
  const all = await chunks.read(session);
  const out: number[] = [];
  let next = 0;
  all.forEach((chunk, i) => {
    expect(chunk.index).toBe(i);
    expect(chunk.start).toBe(next);
    expect(chunk.values.length).toBe(chunk.t.length * chunk.channels);
    expect(chunk.end - chunk.start).toBe(chunk.t.length);
    for (let r = 0; r < chunk.t.length; r++) out.push(chunk.values[r * 2]);
    next = chunk.end;
  });
  return out;
}

describe('chunked writer', () => {
  it('cuts a chunk every maxRows rows and after flushMs, in order', async () => {
    const chunks = new SampleChunks(dbName());
    const writer = new ChunkedWriter(chunks, 's', 2, { flushMs: 40, maxRows: 50 });
    const a = rows(0, 120);
    writer.append(a.t, a.values); // two chunks of 50 at once, 20 waiting for the timer
    await waitFor(() => writer.committedRows === 120);
    expect((await chunks.read('s')).map((c) => c.t.length)).toEqual([50, 50, 20]);
    expect(await stored(chunks, 's')).toEqual(a.values.map((v) => v[0]));
    expect(writer.pending(0).rows).toEqual([]);
  });

  it('pending() hands out the rows not yet committed, from a row on', async () => {
    const chunks = new SampleChunks(dbName());
    const writer = new ChunkedWriter(chunks, 's', 2, { flushMs: 10_000, maxRows: 1000 });
    const a = rows(0, 30);
    writer.append(a.t, a.values);
    expect(writer.pending(25)).toEqual({ committedRows: 0, t: a.t.slice(25), rows: a.values.slice(25) });
    await writer.flush();
    expect(writer.pending(0)).toEqual({ committedRows: 30, t: [], rows: [] });
  });

  it('a kill mid-chunk loses at most that one chunk, never part of one', async () => {
    const name = dbName();
    const chunks = new SampleChunks(name);
    // 50 Hz for ~3.5 s, appended in 250 ms batches as the recorder does; chunks every ~1 s.
    const writer = new ChunkedWriter(chunks, 'kill', 2, { flushMs: 1000, maxRows: 240 });
    let row = 0;
    const started = Date.now();
    while (Date.now() - started < 3500) {
      const b = rows(row, 12);
      writer.append(b.t, b.values);
      row += 12;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // The "crash": the writer is dropped without flush (its timer never gets to run either).
    const appended = writer.rows;
    const committed = writer.committedRows;
    await chunks.close();
    const reopened = new SampleChunks(name);
    const survived = await stored(reopened, 'kill');
    expect(survived.length).toBe(committed);
    expect(survived).toEqual(Array.from({ length: survived.length }, (_, i) => i)); // a prefix, in order
    // Lost: only the rows of the chunk being gathered, about one second (≤ 50 rows + a batch).
    expect(appended - survived.length).toBeLessThanOrEqual(50 + 12);
    expect(survived.length).toBeGreaterThanOrEqual(100);
  });

  it('a chunk whose transaction aborts mid-write is absent, not partial; later chunks are refused', async () => {
    const name = dbName();
    const chunks = new SampleChunks(name);
    // A sink that puts the chunk, then aborts the transaction before it commits (a crash mid-write).
    let writes = 0;
    const sink = {
      async put(chunk: SampleChunk) {
        if (++writes < 3) return chunks.put(chunk);
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const tx = db.transaction('chunks', 'readwrite');
        tx.objectStore('chunks').put(chunk);
        await new Promise((resolve) => {
          tx.onabort = resolve;
          tx.abort();
        });
        db.close();
        throw new Error('aborted');
      },
    };
    const writer = new ChunkedWriter(sink, 'abort', 2, { flushMs: 10_000, maxRows: 10 });
    const a = rows(0, 45);
    writer.append(a.t, a.values); // chunks 0, 1 written, 2 aborted, 3 not attempted, 5 rows waiting
    await expect(writer.flush()).rejects.toThrow(/could not be saved/);
    expect(writer.committedRows).toBe(20);
    expect(await stored(new SampleChunks(name), 'abort')).toEqual(a.values.slice(0, 20).map((v) => v[0]));
    expect(() => writer.append([1], [[1, 2]])).toThrow(/could not be saved/);
  });
});
