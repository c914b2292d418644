import { afterEach, describe, expect, it } from 'vitest';
import { IndexedDBStorageAdapter } from '@automerge/automerge-repo-storage-indexeddb';
import { NoteIndex } from '../../workers/data/noteIndex.ts';
import { openNotesStore } from '../../workers/data/openStore.ts';
import { DataService } from '../../workers/data/dataService.ts';
import { SampleChunks } from '../../workers/data/sampleChunks.ts';
import { UpdateTheAppError } from '../../workers/data/notesStore.ts';
import { CATALOGUE_KINDS } from '../../workers/data/schema.ts';
import { waitFor } from './helpers.ts';
import type { DataEvent } from '../../workers/data/api.ts';

let counter = 0;
const opened: { close: () => Promise<void> }[] = [];

/** Like helpers.openDevice, with the device's own samples database and fast chunks. */
async function device(flushMs = 50) {
  const name = `rec-${process.pid}-${++counter}`;
  const index = new NoteIndex(`${name}-index`);
  const storePromise = openNotesStore({ storage: new IndexedDBStorageAdapter(`${name}-automerge`), network: [], index });
  const service = new DataService(index, storePromise, null, { samplesDb: `${name}-samples`, writer: { flushMs, maxRows: 100 } });
  const store = await storePromise;
  const d = { name, store, service, close: () => store.repo.shutdown().catch(() => undefined) };
  opened.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.close()));
});

const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);
/** `n` rows at 50 Hz from row `from`: x = row·0.1, y = -row, z missing on odd rows. */
function batch(from: number, n: number) {
  const t: number[] = [];
  const rows: number[][] = [];
  for (let i = from; i < from + n; i++) {
    t.push(T0 + i * 20);
    rows.push([i * 0.1, -i, i % 2 ? NaN : 1.5]);
  }
  return { t, rows };
}
const CHANNELS = ['accelerometer.x', 'accelerometer.y', 'accelerometer.z'];

describe('recordings', () => {
  it('start, append, stop: rows stored in chunks, metadata committed', async () => {
    const { service, name } = await device();
    const id = await service.startRecording({ name: 'Walk', sensors: ['accelerometer'], channels: CHANNELS, rateHz: 50 });
    expect(await service.getRecording(id)).toMatchObject({ name: 'Walk', channels: CHANNELS, rateHz: 50, ended: null, recording: true, samples: 0 });
    for (let k = 0; k < 10; k++) await service.appendSamples(id, batch(k * 25, 25));
    // Rows are readable at once, buffered or not.
    expect((await service.readSamples(id)).t).toHaveLength(250);
    expect((await service.readSamples(id, 240)).t).toEqual(batch(240, 10).t);
    await service.setRecordingRate(id, 20);
    const stopped = await service.stopRecording(id);
    expect(stopped).toMatchObject({ samples: 250, recording: false, rateHz: 20, ended: T0 + 249 * 20 });
    const chunks = await new SampleChunks(`${name}-samples`).read(id);
    expect(chunks.length).toBeGreaterThanOrEqual(3); // maxRows 100
    expect(chunks.map((c) => c.index)).toEqual(chunks.map((_, i) => i));
    expect(chunks.reduce((n, c) => n + c.t.length, 0)).toBe(250);
    const { t, rows } = await service.readSamples(id, 0);
    expect(t).toEqual(batch(0, 250).t);
    expect(rows[3][1]).toBe(-3);
    expect(rows[3][2]).toBeNaN();
    await expect(service.appendSamples(id, batch(250, 1))).rejects.toThrow(/not running/);
    expect((await service.listRecordings()).map((r) => r.id)).toEqual([id]);
    expect((await service.stats()).recordings).toBe(1);
  });

  it('refuses no channels and rates outside 1–60 Hz', async () => {
    const { service } = await device();
    await expect(service.startRecording({ sensors: [], channels: [], rateHz: 10 })).rejects.toThrow(/at least one/);
    await expect(service.startRecording({ sensors: ['a'], channels: ['a.x'], rateHz: 61 })).rejects.toThrow(/1 and 60/);
    await expect(service.startRecording({ sensors: ['a'], channels: ['a.x'], rateHz: 0 })).rejects.toThrow(/1 and 60/);
    const id = await service.startRecording({ sensors: ['a'], channels: ['a.x'], rateHz: 60 });
    await expect(service.setRecordingRate(id, 100)).rejects.toThrow(/1 and 60/);
    expect((await service.getRecording(id))?.name).toMatch(/^Recording /);
  });

  it('summarises min/max/mean per channel, leaving out missing values', async () => {
    const { service } = await device();
    const id = await service.startRecording({ sensors: ['accelerometer'], channels: CHANNELS, rateHz: 50 });
    await service.appendSamples(id, batch(0, 11)); // x = 0…1, y = 0…-10, z on even rows
    expect((await service.recordingSummary(id))[1]).toMatchObject({ min: -10, max: 0, count: 11 }); // live
    await service.stopRecording(id);
    const [x, y, z] = await service.recordingSummary(id);
    expect(x).toMatchObject({ channel: 'accelerometer.x', min: 0, max: 1, count: 11 });
    expect(x.mean).toBeCloseTo(0.5, 5);
    expect(y).toMatchObject({ min: -10, max: 0, mean: -5, count: 11 });
    expect(z).toMatchObject({ min: 1.5, max: 1.5, mean: 1.5, count: 6 });
  });

  it('exports CSV (t in epoch ms, shortest float32 decimals, empty cells for none) and JSON', async () => {
    const { service } = await device();
    const id = await service.startRecording({ name: 'a, "b"', sensors: ['accelerometer'], channels: CHANNELS, rateHz: 50 });
    await service.appendSamples(id, batch(0, 4));
    await service.stopRecording(id);
    const csv = await service.exportRecording(id, 'csv');
    expect(csv).toBe(
      ['t,accelerometer.x,accelerometer.y,accelerometer.z', `${T0},0,0,1.5`, `${T0 + 20},0.1,-1,`, `${T0 + 40},0.2,-2,1.5`, `${T0 + 60},0.3,-3,`, ''].join('\n'),
    );
    const json = JSON.parse(await service.exportRecording(id, 'json'));
    expect(json).toMatchObject({
      format: 'jarvis-recording',
      version: 1,
      id,
      name: 'a, "b"',
      channels: CHANNELS,
      rateHz: 50,
      samples: 4,
      t: [T0, T0 + 20, T0 + 40, T0 + 60],
      rows: [[0, 0, 1.5], [0.1, -1, null], [0.2, -2, 1.5], [0.3, -3, null]],
    });
  });

  it('delete soft-deletes the document and drops its chunks', async () => {
    const { service, name } = await device();
    const id = await service.startRecording({ sensors: ['accelerometer'], channels: CHANNELS, rateHz: 50 });
    await service.appendSamples(id, batch(0, 300));
    await service.stopRecording(id);
    const chunks = new SampleChunks(`${name}-samples`);
    expect((await chunks.extent(id)).rows).toBe(300);
    await service.deleteRecording(id);
    expect(await chunks.read(id)).toEqual([]);
    expect(await service.listRecordings()).toEqual([]);
    expect((await service.getRecording(id))?.deleted).toBe(true);
  });

  it('the list is pushed to watchers on start, stop and delete', async () => {
    const { service } = await device();
    const events: DataEvent[] = [];
    await service.connect((event) => void events.push(event));
    await service.watchRecordings('w');
    const last = () => {
      const event = events.at(-1);
      return event?.kind === 'recordings' ? event.recordings : null;
    };
    expect(last()).toEqual([]);
    const id = await service.startRecording({ sensors: ['accelerometer'], channels: CHANNELS, rateHz: 50 });
    await waitFor(() => last()?.[0]?.id === id && last()![0].recording);
    await service.stopRecording(id);
    await waitFor(() => last()?.[0]?.recording === false && last()![0].ended !== null);
    await service.deleteRecording(id);
    await waitFor(() => last()?.length === 0);
  });

  it('a session left running by a closed tab shows what was stored', async () => {
    const a = await device();
    const id = await a.service.startRecording({ sensors: ['accelerometer'], channels: CHANNELS, rateHz: 50 });
    await a.service.appendSamples(id, batch(0, 150)); // one chunk of 100 cut at once, 50 waiting
    await waitFor(async () => (await new SampleChunks(`${a.name}-samples`).extent(id)).rows === 100);
    // Another worker over the same databases (the tab reloaded): the session is not running there.
    const index = new NoteIndex(`${a.name}-index`);
    const store = await openNotesStore({ storage: new IndexedDBStorageAdapter(`${a.name}-automerge`), network: [], index });
    opened.push({ close: () => store.repo.shutdown().catch(() => undefined) });
    const b = new DataService(index, Promise.resolve(store), null, { samplesDb: `${a.name}-samples` });
    await waitFor(async () => (await b.listRecordings()).length === 1);
    expect((await b.getRecording(id))).toMatchObject({ recording: false, ended: null, samples: expect.any(Number) });
    expect((await b.getRecording(id))!.samples).toBeGreaterThanOrEqual(100);
    expect((await b.stopRecording(id)).ended).not.toBeNull();
  });

  it('backup holds the metadata and the samples; importing twice merges', async () => {
    const source = await device();
    const target = await device();
    const id = await source.service.startRecording({ name: 'Ride', sensors: ['accelerometer'], channels: CHANNELS, rateHz: 50 });
    await source.service.appendSamples(id, batch(0, 230));
    await source.service.stopRecording(id);
    const note = await source.service.createNote({ title: 'n' });
    const file = await source.service.exportBackup();
    expect(JSON.parse(new TextDecoder().decode(file)).version).toBe(2);
    expect(await target.service.importBackup(file)).toEqual({ added: 2, merged: 0 });
    expect(await target.service.importBackup(file)).toEqual({ added: 0, merged: 2 });
    expect(await target.service.getRecording(id)).toMatchObject({ name: 'Ride', samples: 230, channels: CHANNELS });
    expect(await target.service.exportRecording(id, 'csv')).toBe(await source.service.exportRecording(id, 'csv'));
    expect(note).toBeTruthy();
    // Without recordings a backup stays version 1 (older apps read it).
    const plain = await device();
    await plain.service.createNote({ title: 'x' });
    expect(JSON.parse(new TextDecoder().decode(await plain.service.exportBackup())).version).toBe(1);
  });

  it('recordings are a catalogue kind, so sync copies them', () => {
    expect(CATALOGUE_KINDS).toContain('recordings');
  });

  it('a recording from a newer app is listed read-only and never written', async () => {
    const d = await device();
    const handle = d.store.repo.create({ schema: 99, kind: 'recording', name: 'Future', sensors: ['x'], channels: ['x.v'], rateHz: 5,
      started: 1, ended: 2, samples: 0, deleted: false, created: 1, updated: 1, extra: true });
    d.store.catalogue.change((c) => {
      c.recordings ??= {};
      c.recordings[handle.documentId] = true;
    });
    const id = handle.documentId;
    expect((await d.service.listRecordings())[0]).toMatchObject({ id, name: 'Future', tooNew: true });
    const heads = handle.heads();
    await expect(d.service.deleteRecording(id)).rejects.toBeInstanceOf(UpdateTheAppError);
    await expect(d.service.setRecordingRate(id, 10)).rejects.toBeInstanceOf(UpdateTheAppError);
    await expect(d.service.stopRecording(id)).rejects.toBeInstanceOf(UpdateTheAppError);
    expect(handle.heads()).toEqual(heads);
  });
});
