import { describe, expect, it } from 'vitest';
import { Automerge, type DocumentId } from '@automerge/automerge-repo/slim';
import { devicesClosedAfterEach, waitFor } from './helpers.ts';
import type { DataEvent } from '../../workers/data/api.ts';
import { formatDue } from '../../src/features/tasks/formatDue.ts';

const device = devicesClosedAfterEach();

const HOUR = 3_600_000;
const NY = 'America/New_York';

describe('tasks', () => {
  it('are created with a due time that keeps its time zone, and read back', async () => {
    const { service } = await device();
    const at = Date.UTC(2030, 2, 3, 22, 0); // 17:00 in New York
    const id = await service.createTask({ title: '  Call mom ', due: { at, timeZone: NY }, notes: 'about Sunday', source: 'assistant' });
    expect(await service.getTask(id)).toMatchObject({
      id,
      title: 'Call mom',
      notes: 'about Sunday',
      due: { at, timeZone: NY },
      done: false,
      doneAt: null,
      remindedAt: null,
      deleted: false,
      source: 'assistant',
      tooNew: false,
    });
    const undated = await service.createTask({ title: 'Buy stamps' });
    expect((await service.getTask(undated))?.due).toBeNull();
    expect((await service.getTask(undated))?.source).toBeUndefined();
    expect(await service.getTask('4NMNnkBQCgBSsNpt6oxkEkcjZz6k')).toBeNull();
  });

  it('refuses an empty title or an unknown time zone', async () => {
    const { service } = await device();
    await expect(service.createTask({ title: '  ' })).rejects.toThrow(/needs a title/);
    await expect(service.createTask({ title: 'x', due: { at: Date.now(), timeZone: 'Mars/Olympus' } })).rejects.toThrow(/time zone/);
    expect(await service.listTasks()).toEqual([]);
  });

  it('list open tasks by due time (overdue first), undated after, done ones last by when they were done', async () => {
    const { service } = await device();
    const now = Date.now();
    const later = await service.createTask({ title: 'Later', due: { at: now + 5 * HOUR, timeZone: 'UTC' } });
    const undated = await service.createTask({ title: 'Someday' });
    const overdue = await service.createTask({ title: 'Late', due: { at: now - HOUR, timeZone: NY } });
    const soon = await service.createTask({ title: 'Soon', due: { at: now + HOUR, timeZone: 'Europe/Paris' } });
    const first = await service.createTask({ title: 'Done first' });
    const second = await service.createTask({ title: 'Done second' });
    await service.updateTask(first, { done: true });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await service.updateTask(second, { done: true });

    const all = await service.listTasks({ now });
    expect(all.map((t) => t.title)).toEqual(['Late', 'Soon', 'Later', 'Someday', 'Done second', 'Done first']);
    expect(all.filter((t) => t.overdue).map((t) => t.id)).toEqual([overdue]);
    expect((await service.listTasks({ status: 'open', now })).map((t) => t.id)).toEqual([overdue, soon, later, undated]);
    expect((await service.listTasks({ status: 'done' })).map((t) => t.id)).toEqual([second, first]);
    // Judged at another time, more of them are overdue.
    expect((await service.listTasks({ status: 'open', now: now + 2 * HOUR })).filter((t) => t.overdue).map((t) => t.id)).toEqual([overdue, soon]);
  });

  it('update title, notes, due, done (doneAt) and reminder; delete and undo', async () => {
    const { service } = await device();
    const id = await service.createTask({ title: 'Pay rent', due: { at: Date.now() - HOUR, timeZone: 'UTC' } });
    await service.updateTask(id, { remindedAt: 1234 });
    expect((await service.getTask(id))?.remindedAt).toBe(1234);
    const at = Date.now() + HOUR;
    await service.updateTask(id, { title: 'Pay the rent', notes: 'landlord', due: { at, timeZone: NY } });
    // A new due time gets a new reminder.
    expect(await service.getTask(id)).toMatchObject({ title: 'Pay the rent', notes: 'landlord', due: { at, timeZone: NY }, remindedAt: null });

    const before = Date.now();
    await service.updateTask(id, { done: true });
    const done = (await service.getTask(id))!;
    expect(done.done).toBe(true);
    expect(done.doneAt).toBeGreaterThanOrEqual(before);
    expect(done.overdue).toBe(false);
    await service.updateTask(id, { done: false });
    expect(await service.getTask(id)).toMatchObject({ done: false, doneAt: null });

    await service.updateTask(id, { due: null });
    expect((await service.getTask(id))?.due).toBeNull();
    await service.updateTask(id, { deleted: true });
    expect(await service.listTasks()).toEqual([]);
    expect((await service.getTask(id))?.deleted).toBe(true);
    await service.updateTask(id, { deleted: false });
    expect((await service.listTasks()).map((t) => t.id)).toEqual([id]);
  });

  it('findTasks finds open tasks by the words of their title, best match first', async () => {
    const { service } = await device();
    const mom = await service.createTask({ title: 'Call mom about Sunday' });
    const dad = await service.createTask({ title: 'Call dad' });
    const old = await service.createTask({ title: 'Call mom' });
    await service.updateTask(old, { done: true });
    await service.createTask({ title: 'Water the plants' });
    expect((await service.findTasks('call mom')).map((t) => t.id)).toEqual([mom, dad]);
    expect((await service.findTasks('MOM')).map((t) => t.id)).toEqual([mom]);
    expect(await service.findTasks('dentist')).toEqual([]);
    expect(await service.findTasks('  ')).toEqual([]);
  });

  it('a task from a newer app is listed read-only and never written', async () => {
    const d = await device();
    const handle = d.store.repo.create({ schema: 99, kind: 'task', title: 'From the future', notes: '', due: null, done: false,
      doneAt: null, remindedAt: null, deleted: false, created: 1, updated: 1, extra: { a: 1 } });
    d.store.catalogue.change((c) => {
      c.tasks ??= {};
      c.tasks[handle.documentId] = true;
    });
    expect(await d.service.listTasks()).toMatchObject([{ title: 'From the future', tooNew: true }]);
    const heads = Automerge.getHeads(handle.doc());
    await expect(d.service.updateTask(handle.documentId, { done: true })).rejects.toThrow(/newer version of Jarvis/);
    expect(Automerge.getHeads(handle.doc())).toEqual(heads);
  });

  it('watchTasks pushes the list now and after every change', async () => {
    const { service } = await device();
    const events: DataEvent[] = [];
    await service.connect((event) => events.push(event));
    await service.watchTasks('w1', { status: 'open' });
    expect(events).toEqual([{ watchId: 'w1', kind: 'tasks', tasks: [] }]);
    const id = await service.createTask({ title: 'Watch me' });
    const last = () => events.at(-1) as Extract<DataEvent, { kind: 'tasks' }>;
    await waitFor(() => last().tasks.length === 1);
    await service.updateTask(id, { done: true });
    await waitFor(() => last().tasks.length === 0);
    // A note change does not re-send the task list.
    const count = events.length;
    await service.createNote({ title: 'unrelated' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events.length).toBe(count);
    service.unwatch('w1');
  });

  it('sync between two tabs of one device, live', async () => {
    const [channel, name] = [`tasks-${Date.now()}`, `tasks-tabs-${Date.now()}`];
    const a = await device({ channel, name });
    const b = await device({ channel, name });
    const events: DataEvent[] = [];
    await b.service.connect((event) => events.push(event));
    await b.service.watchTasks('w', {});
    const id = await a.service.createTask({ title: 'Shared' });
    await waitFor(async () => (await b.service.getTask(id))?.title === 'Shared');
    await a.service.updateTask(id, { done: true });
    await waitFor(() => {
      const last = events.at(-1);
      return last?.kind === 'tasks' && last.tasks[0]?.done === true;
    });
    expect(b.store.repo.handles[id as DocumentId]).toBeDefined();
  });
});

describe('due times in the Tasks view', () => {
  const PARIS = 'Europe/Paris';
  const now = Date.UTC(2030, 2, 3, 10, 0); // Sun 3 Mar 2030, 11:00 in Paris

  it("say today, tomorrow or yesterday in this device's zone", () => {
    expect(formatDue({ at: Date.UTC(2030, 2, 3, 16, 0), timeZone: PARIS }, now, PARIS, 'en-GB')).toBe('Today 17:00');
    expect(formatDue({ at: Date.UTC(2030, 2, 4, 16, 0), timeZone: PARIS }, now, PARIS, 'en-GB')).toBe('Tomorrow 17:00');
    expect(formatDue({ at: Date.UTC(2030, 2, 2, 8, 30), timeZone: PARIS }, now, PARIS, 'en-GB')).toBe('Yesterday 09:30');
    expect(formatDue({ at: Date.UTC(2030, 2, 11, 16, 0), timeZone: PARIS }, now, PARIS, 'en-GB')).toMatch(/^Mon,? 11 Mar,? 17:00$/);
    expect(formatDue({ at: Date.UTC(2031, 0, 6, 16, 0), timeZone: PARIS }, now, PARIS, 'en-GB')).toMatch(/6 Jan 2031,? 17:00$/);
  });

  it("keep the task's own zone, named, when it is not the device's", () => {
    // 17:00 in New York on Tuesday 5 March is 23:00 in Paris.
    expect(formatDue({ at: Date.UTC(2030, 2, 5, 22, 0), timeZone: NY }, now, PARIS, 'en-GB')).toMatch(/^Tue,? 5 Mar,? 17:00 \(New York\)$/);
    // Days are counted in that zone too: at 22:00 on the 3rd in New York, the 4th is tomorrow there.
    const evening = Date.UTC(2030, 2, 4, 3, 0);
    expect(formatDue({ at: Date.UTC(2030, 2, 4, 22, 0), timeZone: NY }, evening, PARIS, 'en-GB')).toBe('Tomorrow 17:00 (New York)');
  });
});
