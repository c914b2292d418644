// The convergence fuzz: devices running the real DataService and PeerNetworkAdapter, random
// operations on notes, tasks and circuits, a lossy network that also partitions, a device
// that joins half way; then the network heals and every device must hold the same documents,
// show the same lists, and load the same documents back from what it saved.
import { mulberry32 } from '../../../../src/lib/random.ts';
import type { CircuitDoc, NoteDoc, TaskDoc } from '../../../../workers/data/schema.ts';
import { toRecord } from '../../../../workers/data/notesStore.ts';
import { dropTimers, pump, settle } from './clock.ts';
import { canonical, catalogued, headsOf, LIST_NOW, openFuzzDevice, readyHandle, WATCHES, type Device } from './device.ts';
import { LossyNetwork, NO_FAULTS, type Faults, type NetworkStats } from './lossyNetwork.ts';

export interface FuzzOptions {
  seed: number;
  ops: number;
  /** Devices there from the start (default 3); one more joins after half the operations. */
  devices?: number;
  lateJoiner?: boolean;
  faults?: Faults;
  /** Chance that a step starts a partition (default 0.02). */
  partitionRate?: number;
  /** 1: a summary per seed on the console; 2: also every step. */
  verbose?: number;
}

export interface FuzzReport {
  seed: number;
  ops: number;
  applied: Record<string, number>;
  partitions: number;
  /** Links rebuilt because their hello was lost. */
  stuckLinks: number;
  documents: number;
  network: NetworkStats;
  fakeMs: number;
  /** Real milliseconds spent in each phase. */
  realMs: { ops: number; heal: number; reload: number };
}

export const DEFAULT_FAULTS: Faults = { drop: 0.05, duplicate: 0.05, reorder: 0.05 };
const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'qubit', 'milk', 'eggs', 'call', 'mum', 'Ünïcødé', '🙂', 'the', 'a', '[[Alpha]]', '[[Shopping]]', '#tag', '\n', '- item', 'x'];
const TITLES = ['Alpha', 'Shopping', 'Ideas', 'Plan', 'Beta', ''];
const ZONES = ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata'];

let runs = 0;
/** The run in progress: a seed whose test timed out keeps running, and shares the fake clock. */
let active: Promise<void> = Promise.resolve();

/** Runs one seed, after any earlier one has finished (its cleanup drops every pending fake timer). */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const previous = active;
  let finished = () => undefined as void;
  active = new Promise<void>((resolve) => (finished = resolve));
  try {
    await previous;
    return await runSeed(options);
  } finally {
    finished();
  }
}

async function runSeed(options: FuzzOptions): Promise<FuzzReport> {
  const { seed, ops } = options;
  // Separate streams: the operations drawn do not depend on how many messages were sent.
  const random = mulberry32(seed);
  const netRandom = mulberry32((seed ^ 0x9e3779b9) >>> 0);
  const net = new LossyNetwork(netRandom);
  const prefix = `fuzz-${process.pid}-${++runs}-s${seed}`;
  const started = Date.now();
  const realMs = { ops: 0, heal: 0, reload: 0 };
  let mark = performance.now();
  const lap = (phase: keyof typeof realMs) => {
    const now = performance.now();
    realMs[phase] += now - mark;
    mark = now;
  };
  const verbose = options.verbose ?? 0;
  const log = verbose >= 2 ? (line: string) => console.log(`[fuzz ${seed}] ${line}`) : () => undefined;
  const int = (n: number) => Math.floor(random() * n);

  const devices: Device[] = [];
  const followed = new Set<string>();
  const following = new Set<string>();
  const applied: Record<string, number> = {};
  const hot: string[] = [];
  let partitions = 0;
  let stuckLinks = 0;
  /** The step each link was (re)made at. */
  const linkedAt = new Map<string, number>();
  let currentStep = 0;

  /** What the sync manager does when a DataChannel to a device opens: add it, follow its catalogue. */
  const link = (i: number, j: number) => {
    const [a, b] = net.connect(i, j);
    linkedAt.set(`${i}-${j}`, currentStep);
    devices[i].adapter!.addChannel(a);
    devices[j].adapter!.addChannel(b);
    for (const [x, y] of [[i, j], [j, i]]) {
      const key = `${x}>${y}`;
      if (followed.has(key) || following.has(key)) continue;
      following.add(key);
      devices[x].service.followCatalogue(devices[y].catalogueId).then(
        () => followed.add(key),
        () => undefined, // not found this time: the next connection asks again
      ).finally(() => following.delete(key));
    }
  };

  const addDevice = async () => {
    const device = await openFuzzDevice(`${prefix}-d${devices.length}`);
    devices.push(device);
    return devices.length - 1;
  };

  try {
    for (let i = 0; i < (options.devices ?? 3); i++) await addDevice();
    for (let i = 0; i < devices.length; i++) for (let j = i + 1; j < devices.length; j++) link(i, j);
    net.faults = options.faults ?? DEFAULT_FAULTS;

    let partition: { side: boolean[]; until: number } | null = null;
    const crosses = (i: number, j: number) => partition !== null && partition.side[i] !== partition.side[j];
    const heal = () => {
      if (!partition) return;
      const before = partition;
      partition = null;
      for (let i = 0; i < devices.length; i++)
        for (let j = i + 1; j < devices.length; j++) if (before.side[i] !== before.side[j]) link(i, j);
    };

    for (let step = 0; step < ops; step++) {
      currentStep = step;
      if (options.lateJoiner !== false && step === Math.floor(ops / 2)) {
        const late = await addDevice();
        if (partition) partition.side[late] = partition.side[int(late)];
        for (let i = 0; i < late; i++) if (!crosses(i, late)) link(i, late);
        log(`step ${step}: device ${late} joins`);
      }
      // A link whose hello was dropped never carries anything: after 10 steps it counts as
      // failed, and failed links are rebuilt, as the app rebuilds a DataChannel that closed.
      for (let i = 0; i < devices.length; i++) {
        for (let j = i + 1; j < devices.length; j++) {
          if (crosses(i, j)) continue;
          const current = net.link(i, j);
          const since = linkedAt.get(`${i}-${j}`) ?? 0;
          const silent = !devices[i].adapter!.peers.includes(devices[j].store.repo.peerId) || !devices[j].adapter!.peers.includes(devices[i].store.repo.peerId);
          if (current?.open && silent && step - since >= 10) {
            net.cut(i, j);
            stuckLinks++;
          }
          if (!net.link(i, j)?.open) link(i, j);
        }
      }
      if (partition && step >= partition.until) {
        log(`step ${step}: partition heals`);
        heal();
      } else if (!partition && random() < (options.partitionRate ?? 0.02)) {
        const side = devices.map(() => random() < 0.5);
        if (side.every((s) => s === side[0])) side[int(side.length)] = !side[0];
        partition = { side, until: step + 5 + int(40) };
        partitions++;
        for (let i = 0; i < devices.length; i++) for (let j = i + 1; j < devices.length; j++) if (crosses(i, j)) net.cut(i, j);
        log(`step ${step}: partition ${side.map((s) => (s ? 'A' : 'B')).join('')} until ${partition.until}`);
      }

      const device = devices[int(devices.length)];
      const op = chooseOperation(device, random, hot);
      applied[op.name] = (applied[op.name] ?? 0) + 1;
      log(`step ${step}: ${device.name.slice(prefix.length + 1)} ${op.name}`);
      await settle(op.run(), `seed ${seed} step ${step}: ${op.name} on ${device.name}`);

      net.deliver(0.3 + 0.7 * random());
      await pump(int(40));
    }

    lap('ops');
    // Heal: faults off, every link replaced by a fresh one (fresh sync state), everyone follows everyone.
    partition = null;
    net.faults = NO_FAULTS;
    for (const l of [...net.links.values()]) net.cut(l.a, l.b);
    for (let i = 0; i < devices.length; i++) for (let j = i + 1; j < devices.length; j++) link(i, j);
    await quiesce(devices, net, followed, seed);

    const views = await Promise.all(devices.map((d) => uiViews(d)));
    // What the open pages were last sent equals what a fresh query returns.
    for (const d of devices) {
      const now = {
        notes: await settle(d.service.listNotes(WATCHES.notes), 'listNotes'),
        archived: await settle(d.service.listNotes(WATCHES.archived), 'listNotes'),
        tasks: await settle(d.service.listTasks(WATCHES.tasks), 'listTasks'),
      };
      for (const [watchId, value] of Object.entries(now)) {
        const event = d.pushed.get(watchId) as { list?: unknown; tasks?: unknown } | undefined;
        const shown = JSON.stringify(event?.list ?? event?.tasks ?? null, null, 1);
        const fresh = JSON.stringify(value, null, 1);
        if (shown !== fresh) throw new Error(`seed ${seed}: ${d.name}'s page shows a stale ${watchId} list:\n${firstDifference(fresh, shown)}`);
      }
    }
    for (let i = 1; i < devices.length; i++) {
      if (views[i] !== views[0]) throw new Error(`seed ${seed}: ${devices[i].name} shows other lists than ${devices[0].name}:\n${firstDifference(views[0], views[i])}`);
    }

    lap('heal');
    // Save → load: let the repos' throttled saves run (no explicit flush), then open a fresh
    // repo and DataService over a copy of each device's storage and its index database.
    for (const l of [...net.links.values()]) net.cut(l.a, l.b);
    await pump(2_000);
    const ids = universe(devices);
    for (let i = 0; i < devices.length; i++) {
      const live = devices[i];
      const loaded = await openFuzzDevice(live.name, { storage: live.storage.copy(), network: false, watch: false });
      try {
        for (const id of ids) {
          const handle = await settle(
            loaded.store.repo.find(id as never).catch((error: Error) => {
              throw new Error(`seed ${seed}: ${live.name} after save→load: document ${id} not loaded (${error.message})`);
            }),
            `${live.name}: loading ${id}`,
          );
          const before = readyHandle(live, id)!;
          if (headsOf(handle) !== headsOf(before) || canonical(handle.doc()) !== canonical(before.doc()))
            throw new Error(`seed ${seed}: ${live.name} after save→load: document ${id} differs (heads ${headsOf(handle)} vs ${headsOf(before)})\n${firstDifference(JSON.stringify(before.doc(), null, 1), JSON.stringify(handle.doc(), null, 1))}`);
        }
        await settle(loaded.store.reconcile(), `${live.name}: reconcile after load`);
        const reloaded = await uiViews(loaded);
        if (reloaded !== views[i]) throw new Error(`seed ${seed}: ${live.name} after save→load shows other lists:\n${firstDifference(views[i], reloaded)}`);
      } finally {
        await loaded.index.close();
      }
    }
    lap('reload');
    const report = { seed, ops, applied, partitions, stuckLinks, documents: ids.length, network: { ...net.stats }, fakeMs: Date.now() - started, realMs };
    if (verbose >= 1) console.log(`[fuzz ${seed}] ${JSON.stringify(report)} heap=${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`);
    return report;
  } finally {
    for (const l of [...net.links.values()]) net.cut(l.a, l.b);
    for (const d of devices) await d.index.close().catch(() => undefined);
    // fake-indexeddb keeps every database in memory: drop this seed's indexes.
    for (const d of devices) await settle(deleteDatabase(`${d.name}-index`), 'deleting an index').catch(() => undefined);
    dropTimers();
  }
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

/** Delivers everything until no message is in flight and the devices agree; names what differs on timeout. */
export async function quiesce(devices: Device[], net: LossyNetwork, followed: Set<string> | undefined, seed: number, maxFakeMs = 120_000): Promise<void> {
  const deadline = Date.now() + maxFakeMs;
  let calm = 0;
  for (let turn = 0; ; turn++) {
    const moved = net.deliver(1);
    await pump(moved > 0 ? 1 : 10);
    if (moved > 0 || net.inFlight > 0) {
      calm = 0;
    } else if (++calm >= 5 && differences(devices, followed).length === 0) {
      // Let throttled syncs and saves fire once more, then make sure nothing moved.
      await pump(500);
      if (net.inFlight === 0 && differences(devices, followed).length === 0) return;
    }
    if (Date.now() > deadline) {
      const diffs = differences(devices, followed);
      throw new Error(`seed ${seed}: no convergence after healing (${maxFakeMs} ms of fake time, ${net.inFlight} messages in flight):\n  ${diffs.slice(0, 15).join('\n  ')}${diffs.length > 15 ? `\n  … ${diffs.length - 15} more` : ''}`);
    }
  }
}

/** Every document id some device lists (notes, tasks, circuits) plus every catalogue. */
function universe(devices: Device[]): string[] {
  const ids = new Set<string>(devices.map((d) => d.catalogueId));
  for (const d of devices) for (const kind of ['notes', 'tasks', 'circuits'] as const) for (const id of catalogued(d, kind)) ids.add(id);
  return [...ids].sort();
}

/** What still differs between the devices, one line each (empty: converged). */
export function differences(devices: Device[], followed?: Set<string>): string[] {
  const out: string[] = [];
  if (followed) {
    for (let i = 0; i < devices.length; i++)
      for (let j = 0; j < devices.length; j++) if (i !== j && !followed.has(`${i}>${j}`)) out.push(`${devices[i].name} does not follow ${devices[j].name}'s catalogue yet`);
  }
  for (const kind of ['notes', 'tasks', 'circuits'] as const) {
    const all = new Set(devices.flatMap((d) => catalogued(d, kind)));
    for (const d of devices) {
      const mine = new Set(catalogued(d, kind));
      const lacking = [...all].filter((id) => !mine.has(id));
      if (lacking.length) out.push(`${d.name}'s catalogue lacks ${lacking.length} ${kind}: ${lacking.slice(0, 3).join(', ')}`);
    }
  }
  for (const id of universe(devices)) {
    const heads = devices.map((d) => {
      const handle = readyHandle(d, id);
      if (handle) return headsOf(handle);
      const state = d.store.repo.handles[id as never]?.state;
      return `<${state ?? 'no handle'}>`;
    });
    if (heads.some((h) => h !== heads[0])) out.push(`document ${id}: ${devices.map((d, i) => `${d.name.split('-').pop()} ${heads[i].slice(0, 12)}`).join(' · ')}`);
  }
  for (const d of devices) {
    for (const id of catalogued(d, 'notes')) {
      const handle = readyHandle<NoteDoc>(d, id);
      if (!handle) continue;
      const record = d.index.get(id);
      // Compared without `heads`: a change that alters nothing visible (two devices writing the
      // same value) emits no 'change' event, so the record keeps the heads it was made from.
      const { heads: _recorded, ...shown } = record ?? { heads: '' };
      const { heads: _now, ...expected } = toRecord(id, handle.doc());
      if (!record) out.push(`${d.name}: note ${id} is missing from the note index`);
      else if (canonical(shown) !== canonical(expected)) out.push(`${d.name}: note index of ${id} is stale: ${firstDifference(canonical(expected), canonical(shown))}`);
    }
  }
  return out;
}

/** What the UI shows, as one string: both note lists, every note's view, tasks, circuits. */
async function uiViews(d: Device): Promise<string> {
  const notes = await settle(d.service.listNotes({ limit: 1e6 }), `${d.name}: listNotes`);
  const archived = await settle(d.service.listNotes({ archived: true, limit: 1e6 }), `${d.name}: listNotes archived`);
  const noteViews = catalogued(d, 'notes').map((id) => d.store.view(id));
  const tasks = await settle(d.service.listTasks({ now: LIST_NOW }), `${d.name}: listTasks`);
  const circuits = await settle(d.service.listCircuits(), `${d.name}: listCircuits`);
  const circuitViews = await settle(Promise.all(catalogued(d, 'circuits').map((id) => d.service.getCircuit(id))), `${d.name}: getCircuit`);
  return JSON.stringify({ notes, archived, noteViews, tasks, circuits, circuitViews }, null, 1);
}

function firstDifference(a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) {
      const context = la.slice(Math.max(0, i - 6), i).map((line) => `    ${line}`).join('\n');
      return `${context}\n  line ${i}: ${JSON.stringify(la[i])}\n       vs ${JSON.stringify(lb[i])}`;
    }
  }
  return '  (equal)';
}

// ---------------------------------------------------------------------------------------
// Operations

interface Operation {
  name: string;
  run: () => Promise<unknown>;
}

function chooseOperation(d: Device, random: () => number, hot: string[]): Operation {
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const ready = <T>(kind: 'notes' | 'tasks' | 'circuits', docKind: string) =>
    catalogued(d, kind).filter((id) => (readyHandle<{ kind?: string }>(d, id)?.doc() as { kind?: string } | undefined)?.kind === docKind) as string[] & { _?: T };
  const notes = ready<NoteDoc>('notes', 'note');
  const tasks = ready<TaskDoc>('tasks', 'task');
  const circuits = ready<CircuitDoc>('circuits', 'circuit');
  // Concurrent edits of the same note: a few "hot" notes get a good share of the edits.
  const hotHere = hot.filter((id) => notes.includes(id));
  const someNote = () => (hotHere.length && random() < 0.4 ? pick(hotHere) : pick(notes));
  const noteDoc = (id: string) => readyHandle<NoteDoc>(d, id)!.doc();
  const s = d.service;

  const table: [number, string, () => Operation | null][] = [
    [10, 'createNote', () => ({
      name: 'createNote',
      run: async () => {
        const id = await s.createNote({ title: pick(TITLES) + (random() < 0.5 ? ` ${int(100)}` : ''), body: words(random, 1 + int(12)) });
        if (hot.length < 3) hot.push(id);
      },
    })],
    [8, 'editNoteTitle', () => {
      if (!notes.length) return null;
      const id = someNote();
      return { name: 'editNoteTitle', run: () => s.updateNote(id, { title: mutate(String(noteDoc(id).title), random) }) };
    }],
    [16, 'editNoteBody', () => {
      if (!notes.length) return null;
      const id = someNote();
      return { name: 'editNoteBody', run: () => s.updateNote(id, { body: mutate(String(noteDoc(id).body), random) }) };
    }],
    [5, 'noteFlags', () => {
      if (!notes.length) return null;
      const id = someNote();
      const doc = noteDoc(id);
      const r = int(3);
      const patch = r === 0 ? { pinned: !doc.pinned } : r === 1 ? { archived: !doc.archived } : { tags: ['work', 'home', 'ideas', 'urgent'].filter(() => random() < 0.4) };
      return { name: 'noteFlags', run: () => s.updateNote(id, patch) };
    }],
    [4, 'deleteNote', () => {
      if (!notes.length) return null;
      const id = someNote();
      return { name: noteDoc(id).deleted ? 'undeleteNote' : 'deleteNote', run: () => s.updateNote(id, { deleted: !noteDoc(id).deleted }) };
    }],
    [8, 'createTask', () => ({
      name: 'createTask',
      run: () => s.createTask({ title: `Task ${words(random, 1 + int(3))}`, due: random() < 0.5 ? { at: LIST_NOW + (int(200) - 100) * 3_600_000, timeZone: pick(ZONES) } : null }),
    })],
    [8, 'editTask', () => {
      if (!tasks.length) return null;
      const id = pick(tasks);
      const doc = readyHandle<TaskDoc>(d, id)!.doc();
      const r = int(3);
      const patch =
        r === 0 ? { title: mutate(String(doc.title), random).trim() || 'Task' }
        : r === 1 ? { notes: mutate(String(doc.notes), random) }
        : { due: random() < 0.3 ? null : { at: LIST_NOW + (int(200) - 100) * 3_600_000, timeZone: pick(ZONES) } };
      return { name: 'editTask', run: () => s.updateTask(id, patch) };
    }],
    [6, 'completeTask', () => {
      if (!tasks.length) return null;
      const id = pick(tasks);
      const done = readyHandle<TaskDoc>(d, id)!.doc().done;
      return { name: done ? 'reopenTask' : 'completeTask', run: () => s.updateTask(id, { done: !done }) };
    }],
    [2, 'deleteTask', () => {
      if (!tasks.length) return null;
      const id = pick(tasks);
      return { name: 'deleteTask', run: () => s.updateTask(id, { deleted: !readyHandle<TaskDoc>(d, id)!.doc().deleted }) };
    }],
    [4, 'createCircuit', () => ({
      name: 'createCircuit',
      run: () => s.saveCircuit({ name: `Circuit ${int(50)}`, qasm: `OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[${1 + int(4)}];\nh q[0];\n` }),
    })],
    [6, 'editCircuit', () => {
      if (!circuits.length) return null;
      const id = pick(circuits);
      const doc = readyHandle<CircuitDoc>(d, id)!.doc();
      const gate = `${pick(['h', 'x', 'z', 's', 't'])} q[0];\n`;
      const patch = random() < 0.3 ? { name: mutate(String(doc.name), random) } : { qasm: random() < 0.7 ? String(doc.qasm) + gate : mutate(String(doc.qasm), random) };
      return { name: 'editCircuit', run: () => s.updateCircuit(id, patch) };
    }],
    [1, 'deleteCircuit', () => {
      if (!circuits.length) return null;
      const id = pick(circuits);
      return { name: 'deleteCircuit', run: () => s.updateCircuit(id, { deleted: !readyHandle<CircuitDoc>(d, id)!.doc().deleted }) };
    }],
  ];
  const total = table.reduce((sum, [w]) => sum + w, 0);
  for (;;) {
    let r = random() * total;
    for (const [weight, , make] of table) {
      r -= weight;
      if (r < 0) {
        const op = make();
        if (op) return op;
        break;
      }
    }
  }
}

function words(random: () => number, n: number): string {
  return Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
}

/** A small edit as a person makes it: insert words somewhere, delete a stretch, or retype it (whole code points). */
function mutate(text: string, random: () => number): string {
  const chars = Array.from(text);
  const at = Math.floor(random() * (chars.length + 1));
  const r = random();
  if (chars.length > 240 || (r < 0.3 && chars.length > 0)) {
    const length = 1 + Math.floor(random() * Math.min(20, chars.length));
    const from = Math.max(0, Math.min(at, chars.length - length));
    return [...chars.slice(0, from), ...chars.slice(from + length)].join('');
  }
  if (r < 0.9) return `${chars.slice(0, at).join('')} ${words(random, 1 + Math.floor(random() * 3))} ${chars.slice(at).join('')}`;
  return words(random, 1 + Math.floor(random() * 6));
}
