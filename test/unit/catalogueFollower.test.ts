import { describe, expect, it } from 'vitest';
import type { DocumentId } from '@automerge/automerge-repo/slim';
import { devicesClosedAfterEach, waitFor } from './helpers.ts';
import { mergeCatalogue } from '../../workers/data/catalogueFollower.ts';
import type { CatalogueDoc } from '../../workers/data/schema.ts';

const open = devicesClosedAfterEach();
const device = (channel: string) => open({ channel });

describe('devices follow each other\'s catalogues', () => {
  it('each ends up listing and holding the other\'s notes, tasks and circuits, also those made later', async () => {
    const channel = `follow-${Date.now()}`;
    const a = await device(channel);
    const b = await device(channel);
    const noteA = await a.service.createNote({ title: 'From A', body: 'alpha' });
    const taskB = await b.service.createTask({ title: 'From B' });
    const circuitA = await a.service.saveCircuit({ name: 'Bell', qasm: 'OPENQASM 2.0;' });

    await a.service.followCatalogue(await b.service.catalogueId());
    await b.service.followCatalogue(await a.service.catalogueId());

    await waitFor(async () => (await b.service.listNotes({})).notes.some((n) => n.id === noteA));
    await waitFor(async () => (await a.service.listTasks()).some((t) => t.id === taskB));
    await waitFor(async () => (await b.service.listCircuits()).some((c) => c.id === circuitA));

    const later = await b.service.createNote({ title: 'Later on B', body: 'beta' });
    await waitFor(async () => (await a.service.listNotes({})).notes.some((n) => n.id === later));
    expect((await a.service.listNotes({})).notes.map((n) => n.title).sort()).toEqual(['From A', 'Later on B']);
  });

  it('following its own catalogue is a no-op, and an id nobody has is refused', async () => {
    const a = await device(`alone-${Date.now()}`);
    await a.service.followCatalogue(await a.service.catalogueId());
    await expect(a.service.followCatalogue('4NMNnkMhL8jXrdJ9jamS58PAVdXu')).rejects.toThrow();
  }, 20_000);
});

describe('mergeCatalogue', () => {
  it('adds a whole list the local catalogue does not have yet, in one go', async () => {
    const channel = `merge-${Date.now()}`;
    const a = await device(channel);
    const b = await device(channel);
    const task = await b.service.createTask({ title: 'Only on B' });
    const remote = await b.store.repo.find<CatalogueDoc>((await b.service.catalogueId()) as DocumentId);
    expect(a.store.catalogue.doc()?.tasks).toBeUndefined();
    expect(mergeCatalogue(a.store.catalogue, remote.doc())).toBe(true);
    expect(a.store.catalogue.doc()?.tasks).toEqual({ [task]: true });
    expect(mergeCatalogue(a.store.catalogue, remote.doc())).toBe(false);
  });
});
