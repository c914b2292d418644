// Hostile backup files (test/fixtures/hostile/backup.json) through DataService.importBackup,
// on a device opened as test/unit/helpers.ts does. A refused file throws a BackupError with a
// clear message and leaves every note, task, circuit, conversation, recording and document
// handle as it was; a file that is accepted must leave every view working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Automerge, generateAutomergeUrl, parseAutomergeUrl } from '@automerge/automerge-repo/slim';
import { gzipSync } from 'fflate';
import { BackupError } from '../../../workers/data/backupError.ts';
import { encryptBackup } from '../../../workers/data/backupCrypto.ts';
import { toBase64, fromBase64 } from '../../../workers/data/bytes.ts';
import { openDevice } from '../helpers.ts';
import { expectClearMessage, loadCases, text, type HostileCase, type TextSpec } from './corpus.ts';

interface BackupCase extends HostileCase {
  expect: 'error' | 'either';
  message?: string;
  text?: TextSpec;
  base64?: string;
  file?: unknown;
  docs?: unknown[];
  build?: string;
  passphrase?: string;
}

type Device = Awaited<ReturnType<typeof openDevice>>;

const CASES = loadCases<BackupCase>('backup.json');
const BOUND_MS = 10_000;
const utf8 = new TextEncoder();
const BIG = 'lorem ipsum '.repeat(Math.round(2 ** 20 / 12)); // 1 MB

let source: Device;
let target: Device;
let exportBytes: Uint8Array;
const opened: Device[] = [];

async function device(): Promise<Device> {
  const d = await openDevice();
  opened.push(d);
  await d.service.createNote({ title: 'Mine', body: 'my own note [[Other]]', tags: ['keep'] });
  await d.service.createTask({ title: 'my task' });
  return d;
}

/** Everything a user could see or the repo holds, as one comparable string. */
async function snapshot(d: Device): Promise<string> {
  const { service } = d;
  return JSON.stringify({
    notes: [...d.index.records.values()].map((r) => [r.id, r.heads, r.title, r.body, r.tags, r.deleted]).sort(),
    list: await service.listNotes({}),
    tasks: await service.listTasks({}),
    circuits: await service.listCircuits(),
    conversations: await service.listConversations(),
    recordings: await service.listRecordings(),
    stats: await service.stats(),
    handles: Object.keys(d.store.repo.handles).sort(),
  });
}

/** Every view still answers (the UI would call these right after an import). */
async function everyViewWorks(d: Device): Promise<void> {
  const { service } = d;
  const list = await service.listNotes({});
  for (const note of list.notes) expect(typeof note.title).toBe('string');
  await service.listNotes({ text: 'x' });
  await service.listTasks({});
  await service.listTasks({ status: 'open' });
  await service.findTasks('t');
  await service.listCircuits();
  await service.listConversations();
  await service.listRecordings();
  await service.stats();
  await service.memoryItems();
  await service.exportBackup(); // and it can still be backed up
}

const newId = () => parseAutomergeUrl(generateAutomergeUrl()).documentId as string;

function materialise(value: unknown, c: BackupCase, ids: string[]): unknown {
  const docBytes = (n: number) => Automerge.save(Automerge.from(materialise(c.docs![n], c, ids) as Record<string, unknown>));
  if (typeof value === 'string') {
    if (value === '$BIG') return BIG;
    const doc = /^\$DOC(\d+)(:TRUNCATED)?$/.exec(value);
    if (doc) {
      const bytes = docBytes(Number(doc[1]));
      return toBase64(doc[2] ? bytes.subarray(0, bytes.length >> 1) : bytes);
    }
    return value.replace(/\$ID(\d+)/g, (_, n: string) => (ids[Number(n)] ??= newId()));
  }
  if (Array.isArray(value)) return value.map((v) => materialise(v, c, ids));
  if (value && typeof value === 'object') {
    if ('repeat-list' in value) {
      const { times, 'repeat-list': item } = value as { times: number; 'repeat-list': unknown };
      return Array.from({ length: times }, () => item);
    }
    if ('repeat' in value || 'codes' in value) return text(value as TextSpec);
    // JSON.parse keeps a "__proto__" key as an own property; so must we.
    const out: Record<string, unknown> = JSON.parse('{}');
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: materialise(v, c, ids), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

async function fileFor(c: BackupCase, d: Device): Promise<Uint8Array> {
  if (c.text !== undefined) return utf8.encode(text(c.text));
  if (c.base64 !== undefined) return fromBase64(c.base64);
  if (c.file !== undefined) return utf8.encode(JSON.stringify(materialise(c.file, c, [])));
  const exportText = new TextDecoder().decode(exportBytes);
  switch (c.build) {
    case 'truncate':
      return exportBytes.slice(0, exportBytes.length >> 1);
    case 'zip':
      return source.service.exportNotesMarkdown();
    case 'gzip':
      return gzipSync(exportBytes);
    case 'utf16':
      return new Uint8Array(Buffer.from(`\ufeff${exportText}`, 'utf16le'));
    case 'export-plus-bad': {
      const file = JSON.parse(exportText);
      file.docs.push({ id: newId(), kind: 'note', data: '@@@' });
      return utf8.encode(JSON.stringify(file));
    }
    case 'encrypted':
      return encryptBackup(exportBytes, 'pw', 1000);
    case 'encrypted-tamper': {
      const envelope = JSON.parse(new TextDecoder().decode(await encryptBackup(exportBytes, 'pw', 1000)));
      const bytes = fromBase64(envelope.ciphertext);
      bytes[bytes.length >> 1] ^= 1;
      envelope.ciphertext = toBase64(bytes);
      return utf8.encode(JSON.stringify(envelope));
    }
    case 'encrypted-garbage':
      return encryptBackup(utf8.encode('not a backup at all'), 'pw', 1000);
    case 'rekind-existing': {
      const [mine] = (await d.service.listNotes({})).notes;
      const task = { schema: 1, kind: 'task', title: 'hijack', notes: '', due: null, done: false, doneAt: null, remindedAt: null, deleted: false, created: 1, updated: 1 };
      const data = toBase64(Automerge.save(Automerge.from(task)));
      return utf8.encode(JSON.stringify({ format: 'jarvis-backup', version: 1, exported: '', docs: [{ id: mine.id, kind: 'task', data }] }));
    }
    case 'catalogue-id': {
      const data = toBase64(Automerge.save(Automerge.from({ schema: 1, kind: 'note', title: 'x', body: '', tags: {}, pinned: false, archived: false, deleted: false, created: 1, updated: 1, links: {} })));
      return utf8.encode(JSON.stringify({ format: 'jarvis-backup', version: 1, exported: '', docs: [{ id: await d.service.catalogueId(), kind: 'note', data }] }));
    }
    case 'bom':
      return utf8.encode(`\ufeff${exportText}`);
    case 'huge-exported': {
      const file = JSON.parse(exportText);
      file.exported = BIG;
      return utf8.encode(JSON.stringify(file));
    }
  }
  throw new Error(`case ${c.name}: nothing to build`);
}

beforeAll(async () => {
  source = await openDevice();
  opened.push(source);
  await source.service.createNote({ title: 'Source note', body: 'from the source' });
  await source.service.createTask({ title: 'source task' });
  exportBytes = await source.service.exportBackup();
  target = await device();
}, 60_000);

afterAll(async () => {
  await Promise.all(opened.map((d) => d.close()));
});

describe('hostile backup files', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    // Refusals share one device (they must not change it); accepted files get their own.
    const d = c.expect === 'error' ? target : await device();
    const bytes = await fileFor(c, d);
    const before = await snapshot(d);
    const start = performance.now();
    let thrown: unknown;
    try {
      await d.service.importBackup(bytes, c.passphrase === undefined ? {} : { passphrase: c.passphrase });
    } catch (error) {
      thrown = error;
    }
    expect(performance.now() - start, 'time bound').toBeLessThan(BOUND_MS);
    if (thrown !== undefined) {
      expect(thrown, `a BackupError, not ${String(thrown)}`).toBeInstanceOf(BackupError);
      expectClearMessage((thrown as Error).message);
      expect((thrown as Error).message).toMatch(/Nothing was changed\.$/);
      expect(await snapshot(d), 'nothing on the device changed').toBe(before);
    }
    if (c.expect === 'error') {
      expect(thrown, 'refused').toBeDefined();
      if (c.message) expect((thrown as Error).message).toContain(c.message);
    }
    await everyViewWorks(d);
  });
});
