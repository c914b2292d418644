// Saved quantum circuits: one Automerge document each, listed in the catalogue's `circuits`
// map, so they sync and back up like notes. A person keeps tens of circuits, not thousands,
// so the list reads the documents themselves (no separate index as for notes).

import { Automerge, type DocHandle, type DocumentId, type Repo } from '@automerge/automerge-repo/slim';
import type { CircuitPatch, CircuitSummary, CircuitView } from './api.ts';
import { CIRCUIT_SCHEMA, isTooNew, type CatalogueDoc, type CircuitDoc } from './schema.ts';
import { UpdateTheAppError } from './notesStore.ts';

export class CircuitsStore {
  readonly repo: Repo;
  readonly catalogue: DocHandle<CatalogueDoc>;

  constructor(repo: Repo, catalogue: DocHandle<CatalogueDoc>) {
    this.repo = repo;
    this.catalogue = catalogue;
  }

  ids(): string[] {
    return Object.keys(this.catalogue.doc()?.circuits ?? {});
  }

  /** Live circuits, most recently updated first. */
  async list(): Promise<CircuitSummary[]> {
    // A circuit catalogued but not yet arrived from another device is left out for now.
    const docs = await Promise.all(this.ids().map(async (id) => [id, await this.#handle(id).then((h) => h.doc(), () => undefined)] as const));
    return docs
      .filter((entry): entry is readonly [string, NonNullable<(typeof entry)[1]>] => entry[1]?.kind === 'circuit' && !entry[1].deleted)
      .map(([id, doc]) => ({ id, name: String(doc.name ?? ''), updated: Number(doc.updated) || 0, tooNew: isTooNew(doc, CIRCUIT_SCHEMA) }))
      .sort((a, b) => b.updated - a.updated || a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<CircuitView | null> {
    if (!this.ids().includes(id)) return null;
    const doc = (await this.#handle(id)).doc();
    if (doc?.kind !== 'circuit') return null;
    return {
      id,
      name: String(doc.name ?? ''),
      qasm: String(doc.qasm ?? ''),
      updated: Number(doc.updated) || 0,
      deleted: doc.deleted === true,
      tooNew: isTooNew(doc, CIRCUIT_SCHEMA),
    };
  }

  async create(init: { name: string; qasm: string }): Promise<string> {
    const now = Date.now();
    const handle = this.repo.create<CircuitDoc>({
      schema: CIRCUIT_SCHEMA,
      kind: 'circuit',
      name: init.name,
      qasm: init.qasm,
      created: now,
      updated: now,
      deleted: false,
    });
    await this.catalogueAdd([handle.documentId]);
    await this.repo.flush([handle.documentId]);
    return handle.documentId;
  }

  async update(id: string, patch: CircuitPatch): Promise<void> {
    const handle = await this.#handle(id);
    if (isTooNew(handle.doc(), CIRCUIT_SCHEMA)) throw new UpdateTheAppError('circuit');
    handle.change((doc) => {
      if (patch.name !== undefined && doc.name !== patch.name) Automerge.updateText(doc, ['name'], patch.name);
      if (patch.qasm !== undefined && doc.qasm !== patch.qasm) Automerge.updateText(doc, ['qasm'], patch.qasm);
      if (patch.deleted !== undefined && doc.deleted !== patch.deleted) doc.deleted = patch.deleted;
      doc.updated = Date.now();
    });
    await this.repo.flush([id as DocumentId]);
  }

  async duplicate(id: string): Promise<string> {
    const original = await this.get(id);
    if (!original) throw new Error('That circuit does not exist on this device.');
    return this.create({ name: `${original.name} (copy)`, qasm: original.qasm });
  }

  async catalogueAdd(ids: string[]): Promise<void> {
    this.catalogue.change((catalogue) => {
      catalogue.circuits ??= {};
      for (const id of ids) catalogue.circuits[id] ??= true;
    });
    await this.repo.flush([this.catalogue.documentId]);
  }

  #handle(id: string): Promise<DocHandle<CircuitDoc>> {
    return this.repo.find<CircuitDoc>(id as DocumentId);
  }
}
