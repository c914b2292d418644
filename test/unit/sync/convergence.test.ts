// Convergence fuzz (seeded): 3 devices plus one that joins half way, each the real
// DataService + PeerNetworkAdapter, random operations on notes, tasks and circuits over a
// simulated link that drops, duplicates and reorders 5 % of messages and partitions the
// devices in 2 % of steps (test/unit/sync/fuzz/). Here: the seeds that once failed, kept as
// fixed cases, and scenario tests on the same machinery. The 200 seeds × 500 operations run
// in `npm run test:fuzz` (scripts/fuzz.ts: chunks of 5 seeds, two processes at a time).
//
//   FUZZ_SEED=1234 FUZZ_OPS=500 — replay one seed as it failed (FUZZ_VERBOSE=1 prints a summary, 2 every step)
//   FUZZ_SEEDS=20 FUZZ_FIRST_SEED=300 — run more seeds here
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Automerge, type DocHandle, type DocumentId } from '@automerge/automerge-repo/slim';
import { CIRCUIT_SCHEMA, emptyNote, NOTE_SCHEMA, TASK_SCHEMA, type CatalogueDoc } from '../../../workers/data/schema.ts';
import { pump, settle, useFakeClock, useRealClock } from './fuzz/clock.ts';
import { headsOf, openFuzzDevice, readyHandle, type Device } from './fuzz/device.ts';
import { openMesh } from './fuzz/mesh.ts';
import { fuzz, fuzzSeeds } from './fuzz/seeds.ts';
import { differences } from './fuzz/simulation.ts';

const env = process.env;

/** Seeds that once failed, kept as fixed cases (seed, operations, what it found). */
const REGRESSIONS: { seed: number; ops: number; found: string }[] = [
  { seed: 1, ops: 100, found: 'a note that arrived after it was requested never reached the note index' },
  { seed: 2, ops: 100, found: 'same, and unhandled "Document … is unavailable" from NotesStore.reconcile' },
  { seed: 2, ops: 200, found: 'the tasks page kept a list without a task that arrived after it was requested' },
  { seed: 1, ops: 200, found: 'backlinks of equal titles in Map order: lists differed after save→load' },
  { seed: 3, ops: 200, found: 'same as seed 1 × 200' },
];

if (env.FUZZ_SEED !== undefined) {
  fuzzSeeds(Number(env.FUZZ_SEED), 1);
} else {
  if (Number(env.FUZZ_SEEDS ?? 0) > 0) fuzzSeeds(Number(env.FUZZ_FIRST_SEED ?? 1), Number(env.FUZZ_SEEDS));
  describe('convergence fuzz: regressions', () => {
    beforeAll(() => useFakeClock());
    afterAll(() => useRealClock());
    for (const { seed, ops, found } of REGRESSIONS) {
      it(`seed ${seed} × ${ops} (${found})`, () => fuzz({ seed, ops }), 300_000);
    }
  });
}

describe('documents of a newer schema, arriving by sync', () => {
  beforeAll(() => useFakeClock());
  afterAll(() => useRealClock());

  /** The changes of a document made through this handle's actor (what this device wrote into it). */
  function authoredHere(handle: DocHandle<unknown>): string[] {
    const doc = handle.doc() as Automerge.Doc<unknown>;
    const actor = Automerge.getActorId(doc);
    return Automerge.getAllChanges(doc).map((c) => Automerge.decodeChange(c)).filter((c) => c.actor === actor).map((c) => c.hash);
  }

  /** What a newer app writes: schema + 1 and a field this app does not know. */
  function writeFromTheFuture(newer: Device) {
    const now = Date.now();
    const repo = newer.store.repo;
    const note = repo.create({ ...emptyNote(now), schema: NOTE_SCHEMA + 1, title: 'Note from the future', body: 'b', future: { rich: [1, 2] } });
    const task = repo.create({
      schema: TASK_SCHEMA + 1, kind: 'task', title: 'Task from the future', notes: '', due: null, done: false,
      doneAt: null, remindedAt: null, deleted: false, created: now, updated: now, future: true,
    });
    const circuit = repo.create({
      schema: CIRCUIT_SCHEMA + 1, kind: 'circuit', name: 'Circuit from the future', qasm: 'OPENQASM 3.0;', created: now, updated: now,
      deleted: false, future: 'pulse',
    });
    newer.store.catalogue.change((c: CatalogueDoc) => {
      c.notes[note.documentId] = true;
      c.tasks ??= {};
      c.tasks[task.documentId] = true;
      c.circuits ??= {};
      c.circuits[circuit.documentId] = true;
    });
    return { note: note.documentId, task: task.documentId, circuit: circuit.documentId };
  }

  it('the older app lists them read-only with "update the app", refuses edits and never rewrites them', async () => {
    const mesh = await openMesh(2);
    const [newer, older] = mesh.devices;
    try {
      const ids = writeFromTheFuture(newer);
      await mesh.settle();
      const s = older.service;

      // Shown, marked too new (the UI's "update the app" message and read-only state hang on this flag).
      expect((await settle(s.listNotes({}), 'listNotes')).notes.find((n) => n.id === ids.note)).toMatchObject({ title: 'Note from the future', tooNew: true });
      expect(older.store.view(ids.note)).toMatchObject({ tooNew: true, body: 'b' });
      expect((await settle(s.listTasks(), 'listTasks')).find((t) => t.id === ids.task)).toMatchObject({ title: 'Task from the future', tooNew: true });
      expect((await settle(s.listCircuits(), 'listCircuits')).find((c) => c.id === ids.circuit)).toMatchObject({ tooNew: true });
      expect(await settle(s.getCircuit(ids.circuit), 'getCircuit')).toMatchObject({ qasm: 'OPENQASM 3.0;', tooNew: true });

      const all = [ids.note, ids.task, ids.circuit];
      const before = all.map((id) => ({ heads: headsOf(readyHandle(older, id)!), bytes: Automerge.save(readyHandle<unknown>(older, id)!.doc()) }));

      // Every edit the UI offers is refused with the message.
      const refused: [string, () => Promise<unknown>][] = [
        ['note title', () => s.updateNote(ids.note, { title: 'overwrite' })],
        ['note body', () => s.updateNote(ids.note, { body: 'overwrite' })],
        ['note delete', () => s.updateNote(ids.note, { deleted: true })],
        ['note pin + tags', () => s.updateNote(ids.note, { pinned: true, tags: ['x'] })],
        ['task done', () => s.updateTask(ids.task, { done: true })],
        ['task title', () => s.updateTask(ids.task, { title: 'overwrite' })],
        ['task delete', () => s.updateTask(ids.task, { deleted: true })],
        ['circuit qasm', () => s.updateCircuit(ids.circuit, { qasm: 'OPENQASM 2.0;' })],
        ['circuit delete', () => s.updateCircuit(ids.circuit, { deleted: true })],
      ];
      for (const [what, attempt] of refused) {
        await expect(settle(attempt(), what), what).rejects.toMatchObject({ name: 'UpdateTheAppError', message: expect.stringMatching(/newer version of Jarvis.*Update the app/) });
      }

      // Things the older app does around them do not write them either: open, list, link to, sync, reload.
      await settle(s.watchNote('w', ids.note), 'watchNote');
      await settle(s.createNote({ title: 'Mine', body: 'see [[Note from the future]]' }), 'createNote');
      await mesh.settle();
      all.forEach((id, i) => {
        const handle = readyHandle<unknown>(older, id)!;
        expect(headsOf(handle), `heads of ${id} on the older app`).toBe(before[i].heads);
        expect(Automerge.save(handle.doc()), `bytes of ${id} on the older app`).toEqual(before[i].bytes);
        expect(headsOf(readyHandle(newer, id)!), `heads of ${id} on the newer app`).toBe(before[i].heads);
        expect(authoredHere(handle), `changes the older app made to ${id}`).toEqual([]);
      });

      // The newer app keeps editing: the older one follows along, still read-only.
      (newer.store.repo.handles[ids.note as DocumentId] as DocHandle<{ title: string }>).change((d) => {
        d.title = 'Renamed in the future';
      });
      await mesh.settle();
      expect(older.store.view(ids.note)).toMatchObject({ title: 'Renamed in the future', tooNew: true });

      // And what the older app saved loads back unchanged.
      await settle(new Promise((r) => setTimeout(r, 1000)), 'saves');
      const reloaded = await openFuzzDevice(older.name, { storage: older.storage.copy(), network: false, watch: false });
      try {
        for (const id of all) {
          const handle = await settle(reloaded.store.repo.find(id as DocumentId), `find ${id}`);
          expect(headsOf(handle)).toBe(headsOf(readyHandle(newer, id)!));
        }
        expect(reloaded.store.view(ids.note)).toMatchObject({ title: 'Renamed in the future', tooNew: true });
      } finally {
        await reloaded.index.close();
      }
    } finally {
      await mesh.close();
    }
  }, 60_000);

  it("a newer app's catalogue (schema + 1, a list this app does not know) is followed for what it knows, and not written", async () => {
    const mesh = await openMesh(2);
    const [newer, older] = mesh.devices;
    try {
      const note = newer.store.repo.create({ ...emptyNote(Date.now()), title: 'Plain note' });
      newer.store.catalogue.change((c) => {
        const future = c as CatalogueDoc & { sketches?: Record<string, true> };
        future.schema = 2;
        future.sketches = { someSketch: true };
        c.notes[note.documentId] = true;
      });
      await mesh.settle();
      expect(Object.keys(older.store.catalogue.doc()!.notes)).toContain(note.documentId);
      expect(older.store.catalogue.doc()).not.toHaveProperty('sketches');
      expect(older.store.view(note.documentId)).toMatchObject({ title: 'Plain note', tooNew: false });
      await settle(older.service.createNote({ title: 'Mine' }), 'createNote');
      await mesh.settle();
      // The newer device's catalogue now lists "Mine" too, written by the newer device itself (it follows ours).
      const theirs = readyHandle<CatalogueDoc>(older, newer.catalogueId)!;
      expect(authoredHere(theirs)).toEqual([]);
      expect(theirs.doc()).toMatchObject({ schema: 2, sketches: { someSketch: true } });
      expect(headsOf(theirs)).toBe(headsOf(readyHandle(newer, newer.catalogueId)!));
    } finally {
      await mesh.close();
    }
  }, 60_000);
});

// Found by the fuzz (seeds 1 and 2 at 100 operations, seed 2 at 200): the minimal case.
describe('a document that arrives after the device already asked for it', () => {
  beforeAll(() => useFakeClock());
  afterAll(() => useRealClock());

  it('is projected into the note list and refreshes the tasks page', async () => {
    // B and C are linked; A, which made the note and the task, is not there yet.
    const mesh = await openMesh(3, { pairs: [[1, 2]], follow: false });
    const [a, b, c] = mesh.devices;
    try {
      const note = await settle(a.service.createNote({ title: 'Made on A', body: 'x' }), 'createNote');
      const task = await settle(a.service.createTask({ title: 'Task made on A' }), 'createTask');
      // B and C learn the ids before the documents can reach them (as from a catalogue they
      // followed through a device that had not fetched the documents yet): each asks the other,
      // and neither has them.
      for (const d of [b, c]) {
        d.store.catalogue.change((cat) => {
          cat.notes[note] = true;
          cat.tasks ??= {};
          cat.tasks[task] = true;
        });
      }
      for (let i = 0; i < 200; i++) {
        mesh.net.deliver();
        await pump(5);
      }
      expect(readyHandle(c, note), 'C cannot have the note yet').toBeUndefined();
      // Now A comes online: the documents arrive at B and C, whose handles were waiting for them.
      mesh.link(0, 1);
      mesh.link(0, 2);
      await mesh.settle();
      expect(differences(mesh.devices)).toEqual([]);
      for (const d of [b, c]) {
        expect((await settle(d.service.listNotes({}), 'listNotes')).notes.map((n) => n.id), `${d.name}'s note list`).toContain(note);
        const shown = d.pushed.get('tasks') as { tasks: { id: string }[] } | undefined;
        expect(shown?.tasks.map((t) => t.id), `${d.name}'s tasks page`).toContain(task);
      }
    } finally {
      await mesh.close();
    }
  }, 60_000);
});
