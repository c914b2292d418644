import { afterEach, describe, expect, it, vi } from 'vitest';
import { devicesClosedAfterEach, waitFor } from './helpers.ts';
import { MemoryNotifier } from '../../workers/data/memoryFeed.ts';

const device = devicesClosedAfterEach();
afterEach(() => {
  vi.useRealTimers();
});

describe('memory feed', () => {
  it('holds live notes (archived too), live tasks and what the user said', async () => {
    const { service } = await device();
    const note = await service.createNote({ title: 'Wifi', body: 'The password is tulip42' });
    const archived = await service.createNote({ title: 'Old flat', body: 'door code 1234' });
    await service.updateNote(archived, { archived: true });
    const gone = await service.createNote({ title: 'Gone', body: 'x' });
    await service.updateNote(gone, { deleted: true });
    const task = await service.createTask({ title: 'Call mom', notes: 'about Sunday' });
    const plain = await service.createTask({ title: 'Buy stamps' });
    await service.updateTask(plain, { done: true }); // done tasks are still memories
    const deletedTask = await service.createTask({ title: 'Deleted task' });
    await service.updateTask(deletedTask, { deleted: true });
    const conversation = await service.createConversation();
    const turn = await service.appendTurn(conversation, { role: 'user', text: 'My bike lock code is 4711' });
    await service.appendTurn(conversation, { role: 'assistant', text: 'Noted.' });
    const dropped = await service.createConversation();
    await service.appendTurn(dropped, { role: 'user', text: 'forget this' });
    await service.deleteConversation(dropped);

    const items = await service.memoryItems();
    const byId = new Map(items.map((item) => [item.id, item]));
    expect(items).toHaveLength(5);
    expect(byId.get(note)).toMatchObject({ kind: 'note', title: 'Wifi', text: 'Wifi\nThe password is tulip42' });
    expect(byId.get(archived)).toMatchObject({ kind: 'note', text: 'Old flat\ndoor code 1234' });
    expect(byId.get(task)).toMatchObject({ kind: 'task', title: 'Call mom', text: 'Call mom\nabout Sunday' });
    expect(byId.get(plain)).toMatchObject({ kind: 'task', text: 'Buy stamps' });
    expect(byId.get(`${conversation}:${turn}`)).toMatchObject({ kind: 'turn', text: 'My bike lock code is 4711' });
    for (const item of items) expect(item.updated).toBeGreaterThan(0);
  });

  it('onMemoryChange fires once after a burst of note, task and conversation changes', async () => {
    const { service } = await device();
    const calls: number[] = [];
    service.onMemoryChange(() => calls.push(Date.now()));
    const start = Date.now();
    await service.createNote({ title: 'A' });
    await service.createTask({ title: 'B' });
    const c = await service.createConversation();
    await service.appendTurn(c, { role: 'user', text: 'C' });
    await waitFor(() => calls.length === 1);
    expect(calls[0] - start).toBeGreaterThanOrEqual(250);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(calls).toHaveLength(1);
    await service.createTask({ title: 'D' });
    await waitFor(() => calls.length === 2);
  });

  it('fires for changes made in another tab', async () => {
    const [channel, name] = [`memory-${Date.now()}`, `memory-tabs-${Date.now()}`];
    const a = await device({ channel, name });
    const b = await device({ channel, name });
    let calls = 0;
    b.service.onMemoryChange(() => calls++);
    const id = await a.service.createTask({ title: 'From tab A' });
    await waitFor(() => calls > 0);
    await waitFor(async () => (await b.service.memoryItems()).some((item) => item.id === id));
  });

  it('drops a callback that throws or rejects, and keeps the others', async () => {
    vi.useFakeTimers();
    const notifier = new MemoryNotifier();
    const good = vi.fn();
    const throws = vi.fn(() => {
      throw new Error('port closed');
    });
    const rejects = vi.fn(() => Promise.reject(new Error('gone')));
    for (const callback of [good, throws, rejects]) notifier.add(callback);
    notifier.changed();
    notifier.changed();
    await vi.advanceTimersByTimeAsync(300);
    notifier.changed();
    await vi.advanceTimersByTimeAsync(300);
    expect(good).toHaveBeenCalledTimes(2);
    expect(throws).toHaveBeenCalledTimes(1);
    expect(rejects).toHaveBeenCalledTimes(1);
  });

  it('a steady stream of changes still notifies, and the version counts every change', () => {
    vi.useFakeTimers();
    const notifier = new MemoryNotifier();
    let calls = 0;
    notifier.add(() => void calls++);
    // A change every 100 ms for 2 s (a conversation): a debounce would never fire.
    for (let i = 0; i < 20; i++) {
      notifier.changed();
      vi.advanceTimersByTime(100);
    }
    expect(calls).toBeGreaterThanOrEqual(5);
    expect(notifier.version).toBe(20);
  });
});
