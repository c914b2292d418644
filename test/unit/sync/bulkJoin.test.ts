// The bulk first contact (workers/data/bulkJoin.ts) between two devices running the real
// DataService and PeerNetworkAdapter over a simulated link, on the fuzz's fake clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cbor, type PeerId } from '@automerge/automerge-repo/slim';
import type { ByteChannel } from '../../../workers/sync/byteChannel.ts';
import { mulberry32 } from '../../../src/lib/random.ts';
import { pump, settle, useFakeClock, useRealClock } from './fuzz/clock.ts';
import { openFuzzDevice, LIST_NOW, type Device } from './fuzz/device.ts';
import { LossyNetwork } from './fuzz/lossyNetwork.ts';
import { quiesce } from './fuzz/simulation.ts';

let devices = 0;

/** A with `notes` notes, 25 tasks and 5 circuits; B new. */
async function pair(notes: number): Promise<{ a: Device; b: Device }> {
  const prefix = `bulk-${process.pid}-${++devices}`;
  const a = await openFuzzDevice(`${prefix}-a`);
  const b = await openFuzzDevice(`${prefix}-b`);
  await settle(a.service.createNotes(Array.from({ length: notes }, (_, i) => ({ title: `Note ${i}`, body: `Body ${i} [[Note ${(i + 1) % notes}]]` }))), 'createNotes');
  for (let i = 0; i < 25; i++) await settle(a.service.createTask({ title: `Task ${i}`, due: i % 2 ? { at: LIST_NOW + i * 3_600_000, timeZone: 'Europe/Paris' } : null }), 'createTask');
  for (let i = 0; i < 5; i++) await settle(a.service.saveCircuit({ name: `Circuit ${i}`, qasm: 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\nh q[0];\n' }), 'saveCircuit');
  return { a, b };
}

/** Links A and B as the sync manager does: a channel each, then each follows the other's catalogue. */
function link(a: Device, b: Device, net: LossyNetwork, tap?: { a?: (c: ByteChannel) => void; b?: (c: ByteChannel) => void }, ends: [number, number] = [0, 1]): void {
  const [ca, cb] = net.connect(...ends);
  tap?.a?.(ca);
  tap?.b?.(cb);
  a.adapter!.addChannel(ca);
  b.adapter!.addChannel(cb);
  void a.service.followCatalogue(b.catalogueId).catch(() => undefined);
  void b.service.followCatalogue(a.catalogueId).catch(() => undefined);
}

/** Delivers until `done()`, returning how many messages were sent by then. */
async function until(net: LossyNetwork, done: () => Promise<boolean>, what: string, maxTurns = 20_000): Promise<number> {
  for (let turn = 0; turn < maxTurns; turn++) {
    net.deliver(1);
    await pump(1);
    if (await done()) return net.stats.sent;
  }
  throw new Error(`${what}: not after ${maxTurns} turns`);
}

const noteTotal = async (d: Device) => (await settle(d.service.listNotes({ limit: 1 }), 'listNotes')).total;

/** Drops every message of these types sent over `channel`; counts them by type. */
function dropping(counter: Record<string, number>) {
  return (channel: ByteChannel) => {
    const send = channel.send.bind(channel);
    channel.send = (bytes) => {
      const type = (cbor.decode(bytes) as { type?: string }).type ?? '';
      if (type in counter) counter[type]++;
      else send(bytes);
    };
  };
}

describe('bulk first contact', () => {
  beforeAll(() => useFakeClock());
  afterAll(() => useRealClock());

  it('a new device receives 200 notes in a few messages, lists them, and then syncs as usual', async () => {
    const { a, b } = await pair(200);
    const net = new LossyNetwork(mulberry32(1));
    link(a, b, net);
    const sent = await until(net, async () => (await noteTotal(b)) === 200, 'B lists 200 notes');
    // One document at a time this took 3+ messages per document (700+ here).
    expect(sent).toBeLessThan(60);
    // B shows them before any note has a handle there: they came from storage and the index.
    const views = (await settle(b.service.listNotes({ limit: 1e6 }), 'list')).notes.map((n) => n.title).sort();
    expect(views).toEqual((await settle(a.service.listNotes({ limit: 1e6 }), 'list')).notes.map((n) => n.title).sort());

    // Then the usual sync: same heads everywhere, tasks and circuits too, and later edits flow.
    await quiesce([a, b], net, undefined, 1);
    expect(await settle(b.service.listTasks({ now: LIST_NOW }), 'tasks')).toEqual(await settle(a.service.listTasks({ now: LIST_NOW }), 'tasks'));
    expect((await settle(b.service.listCircuits(), 'circuits')).length).toBe(5);
    const [first] = (await settle(a.service.listNotes({ limit: 1 }), 'list')).notes;
    await settle(a.service.updateNote(first.id, { body: 'edited on A after the join' }), 'update');
    await until(net, async () => b.store.view(first.id)?.body === 'edited on A after the join', 'the edit reaches B');
    // save→load on B: the documents written in bulk load from B's own storage.
    const reopened = await openFuzzDevice(`${b.name}-reopened`, { storage: b.storage.copy(), network: false, watch: false });
    const handle = await settle(reopened.store.repo.find(first.id as never), 'find after reload');
    expect((handle.doc() as { body: string }).body).toBe('edited on A after the join');
    await reopened.index.close();
  }, 120_000);

  it('a third device meeting two that hold the same notes fetches them once', async () => {
    const { a, b } = await pair(100);
    const c = await openFuzzDevice(`${a.name}-c`);
    const net = new LossyNetwork(mulberry32(4));
    link(a, b, net);
    await quiesce([a, b], net, undefined, 4);
    const before = net.stats.sent;
    link(a, c, net, undefined, [0, 2]);
    link(b, c, net, undefined, [1, 2]);
    const sent = await until(net, async () => (await noteTotal(c)) === 100, 'C lists 100 notes');
    expect(sent - before).toBeLessThan(80);
    await quiesce([a, b, c], net, undefined, 4);
  }, 120_000);

  it('forged, unrequested and corrupt bulk messages are refused; the rest still syncs', async () => {
    const { a, b } = await pair(40);
    const net = new LossyNetwork(mulberry32(2));
    let requested: { ids: string[]; senderId: PeerId; targetId: PeerId } | null = null;
    let bEnd: ByteChannel | null = null;
    let aEnd: ByteChannel | null = null;
    const answers: { docs: [string, Uint8Array][]; done: boolean }[] = [];
    link(a, b, net, {
      a: (channel) => {
        aEnd = channel;
        const send = channel.send.bind(channel);
        channel.send = (bytes) => {
          const message = cbor.decode(bytes) as { type?: string; docs: [string, Uint8Array][]; done: boolean };
          if (message.type === 'jarvis-bulk-docs') answers.push(message);
          send(bytes);
        };
      },
      b: (channel) => {
        bEnd = channel;
        const send = channel.send.bind(channel);
        channel.send = (bytes) => {
          const message = cbor.decode(bytes) as { type?: string; ids?: string[]; senderId: PeerId; targetId: PeerId };
          if (message.type === 'jarvis-bulk-request') requested = message as typeof requested;
          send(bytes);
        };
      },
    });
    await until(net, async () => requested !== null, 'B asks for the documents');
    const { ids, senderId: bPeer, targetId: aPeer } = requested!;
    const forged = (docs: unknown, done = false) => bEnd!.onmessage!(cbor.encode({ type: 'jarvis-bulk-docs', senderId: aPeer, targetId: bPeer, docs, done }));
    forged([[ids[0], new Uint8Array([1, 2, 3, 4])], ['not an id', new Uint8Array(8)], [ids[1], 'not bytes'], 42, null]);
    forged('not a list');
    // From a peer that never said hello on this channel: dropped by the adapter.
    bEnd!.onmessage!(cbor.encode({ type: 'jarvis-bulk-docs', senderId: 'stranger', targetId: bPeer, docs: [[ids[2], new Uint8Array(8)]], done: true }));
    await until(net, async () => (await noteTotal(b)) === 40, 'B lists 40 notes');
    await quiesce([a, b], net, undefined, 2);
    // A hands out only documents its catalogue lists, whatever a request names.
    answers.length = 0;
    const request = (ids: unknown) => aEnd!.onmessage!(cbor.encode({ type: 'jarvis-bulk-request', senderId: bPeer, targetId: aPeer, ids }));
    request([b.catalogueId, 'garbage', 12, null, { id: ids[0] }]);
    request('not a list');
    await until(net, async () => answers.length > 0, 'A answers');
    expect(answers).toEqual([{ type: 'jarvis-bulk-docs', senderId: aPeer, targetId: bPeer, docs: [], done: true }]);
    const titles = (await settle(b.service.listNotes({ limit: 1e6 }), 'list')).notes.map((n) => n.title);
    expect(titles).toHaveLength(40);
    expect(new Set(titles).size).toBe(40);
  }, 120_000);

  it('a lost request or a lost "ready" only slows things down', async () => {
    const { a, b } = await pair(30);
    const net = new LossyNetwork(mulberry32(3));
    // B's request and B's "ready" never reach A: B gets the notes one by one, and A holds
    // back its pushes to B until its hold runs out.
    const dropped = { 'jarvis-bulk-request': 0, 'jarvis-ready': 0 };
    link(a, b, net, { b: dropping(dropped) });
    await until(net, async () => (await noteTotal(b)) === 30, 'B lists 30 notes', 200_000);
    await quiesce([a, b], net, undefined, 3);
    expect(dropped['jarvis-bulk-request']).toBeGreaterThan(0);
    expect(dropped['jarvis-ready']).toBeGreaterThan(0);
    const late = await settle(a.service.createNote({ title: 'After the hold', body: '' }), 'create');
    await until(net, async () => b.store.view(late) !== null, 'a later note reaches B', 200_000);
  }, 120_000);
});
