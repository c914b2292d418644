import { describe, expect, it } from 'vitest';
import { devicesClosedAfterEach, waitFor } from './helpers.ts';

const device = devicesClosedAfterEach();

const BELL = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\nh q[0];\ncx q[0], q[1];\n';

describe('saved circuits', () => {
  it('are saved, listed newest first, renamed, duplicated and deleted', async () => {
    const { service } = await device();
    const bell = await service.saveCircuit({ name: 'Bell', qasm: BELL });
    const ghz = await service.saveCircuit({ name: 'GHZ', qasm: BELL.replace('q[2]', 'q[3]') });
    expect((await service.listCircuits()).map((c) => c.name)).toEqual(['GHZ', 'Bell']);
    await service.updateCircuit(bell, { name: 'Bell pair', qasm: `${BELL}measure q[0] -> c[0];\n` });
    expect(await service.getCircuit(bell)).toMatchObject({ name: 'Bell pair', qasm: expect.stringContaining('measure') });
    const copy = await service.duplicateCircuit(bell);
    expect((await service.getCircuit(copy))?.name).toBe('Bell pair (copy)');
    await service.updateCircuit(ghz, { deleted: true });
    expect((await service.listCircuits()).map((c) => c.name).sort()).toEqual(['Bell pair', 'Bell pair (copy)']);
    expect(await service.getCircuit('4NMNnkBQCgBSsNpt6oxkEkcjZz6k')).toBeNull();
  });

  it('travel in backups with the notes, and importing twice changes nothing', async () => {
    const one = await device();
    await one.service.saveCircuit({ name: 'Bell', qasm: BELL });
    await one.service.createNote({ title: 'A note' });
    const file = await one.service.exportBackup();
    const two = await device();
    expect(await two.service.importBackup(file)).toEqual({ added: 2, merged: 0 });
    expect(await two.service.importBackup(file)).toEqual({ added: 0, merged: 2 });
    expect((await two.service.listCircuits()).map((c) => c.name)).toEqual(['Bell']);
    expect((await two.service.listNotes({})).notes.map((n) => n.title)).toEqual(['A note']);
  });

  it('sync between two tabs of one device', async () => {
    // Two tabs: the same databases (so the same catalogue), talking over one channel.
    const [channel, name] = [`circuits-${Date.now()}`, `tabs-${Date.now()}`];
    const a = await device({ channel, name });
    const b = await device({ channel, name });
    const id = await a.service.saveCircuit({ name: 'Shared', qasm: BELL });
    await waitFor(async () => (await b.service.getCircuit(id))?.name === 'Shared');
  });
});
