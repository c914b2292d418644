import { describe, expect, it } from 'vitest';
import { Automerge } from '@automerge/automerge-repo/slim';
import { devicesClosedAfterEach, waitFor } from './helpers.ts';
import type { DataEvent } from '../../workers/data/api.ts';

const device = devicesClosedAfterEach();

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('conversations', () => {
  it('append turns in order; the title is the first thing the user said, shortened', async () => {
    const { service } = await device();
    const id = await service.createConversation();
    expect(await service.getConversation(id)).toMatchObject({ title: '', turns: [], deleted: false, tooNew: false });
    const long = `Remind me to call mom tomorrow at 5pm about ${'the trip '.repeat(10)}`;
    const t1 = await service.appendTurn(id, { role: 'user', text: long, intent: 'task.add' });
    const t2 = await service.appendTurn(id, { role: 'assistant', text: 'I will remind you.' });
    const view = (await service.getConversation(id))!;
    expect(view.turns.map((t) => [t.id, t.role, t.text, t.intent])).toEqual([
      [t1, 'user', long, 'task.add'],
      [t2, 'assistant', 'I will remind you.', undefined],
    ]);
    expect(t1).not.toBe(t2);
    expect(view.title.length).toBeLessThanOrEqual(60);
    expect(view.title).toMatch(/^Remind me to call mom tomorrow at 5pm.*…$/);
    expect('intent' in view.turns[1]).toBe(false);
  });

  it('list most recent first with turn counts, and hide deleted ones', async () => {
    const { service } = await device();
    const a = await service.createConversation();
    await service.appendTurn(a, { role: 'user', text: 'Hello' });
    await pause();
    const b = await service.createConversation();
    await service.appendTurn(b, { role: 'user', text: 'What is on my list?' });
    await service.appendTurn(b, { role: 'assistant', text: 'Nothing.' });
    expect(await service.listConversations()).toMatchObject([
      { id: b, title: 'What is on my list?', turns: 2 },
      { id: a, title: 'Hello', turns: 1 },
    ]);
    await pause();
    await service.appendTurn(a, { role: 'user', text: 'Again' });
    expect((await service.listConversations()).map((c) => c.id)).toEqual([a, b]);
    await service.deleteConversation(a);
    expect((await service.listConversations()).map((c) => c.id)).toEqual([b]);
    expect((await service.getConversation(a))?.deleted).toBe(true);
  });

  it('refuse unknown conversations, bad roles, and conversations from a newer app', async () => {
    const d = await device();
    await expect(d.service.appendTurn('4NMNnkBQCgBSsNpt6oxkEkcjZz6k', { role: 'user', text: 'x' })).rejects.toThrow(/does not exist/);
    const id = await d.service.createConversation();
    await expect(d.service.appendTurn(id, { role: 'system' as 'user', text: 'x' })).rejects.toThrow(/role/);
    const future = d.store.repo.create({ schema: 99, kind: 'conversation', title: 'Future', created: 1, updated: 1, deleted: false, turns: [] });
    d.store.catalogue.change((c) => {
      c.conversations ??= {};
      c.conversations[future.documentId] = true;
    });
    expect(await d.service.getConversation(future.documentId)).toMatchObject({ title: 'Future', tooNew: true });
    const heads = Automerge.getHeads(future.doc());
    await expect(d.service.appendTurn(future.documentId, { role: 'user', text: 'x' })).rejects.toThrow(/newer version/);
    expect(Automerge.getHeads(future.doc())).toEqual(heads);
  });

  it('watchConversation pushes each new turn; another tab sees it live', async () => {
    const [channel, name] = [`conv-${Date.now()}`, `conv-tabs-${Date.now()}`];
    const a = await device({ channel, name });
    const b = await device({ channel, name });
    const id = await a.service.createConversation();
    await waitFor(async () => (await b.service.getConversation(id)) !== null);
    const events: DataEvent[] = [];
    await b.service.connect((event) => events.push(event));
    await b.service.watchConversation('c', id);
    await a.service.appendTurn(id, { role: 'user', text: 'From tab A' });
    await waitFor(() => {
      const last = events.at(-1);
      return last?.kind === 'conversation' && last.conversation?.turns[0]?.text === 'From tab A';
    });
  });
});
