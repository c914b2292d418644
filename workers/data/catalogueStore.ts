// What the stores of tasks, conversations and recordings share: each kind of document is
// listed under its own key of the catalogue, its documents are watched wherever they change
// (this tab, another tab, another device), and listeners hear about it.
import type { DocHandle, DocumentId, Repo } from '@automerge/automerge-repo/slim';
import type { CatalogueDoc } from './schema.ts';

export type CatalogueKey = 'tasks' | 'conversations' | 'recordings';

/**
 * Calls `onChange` whenever a document of `kind` changes: through a handle this store
 * opened, through one the synchronizer opened for another tab or device (found through
 * the repo's `doc-metrics` events, as NotesStore does), or when the catalogue's `key`
 * list gains or loses ids (a new document, an import). Returns `watch` for the handles
 * the store opens itself.
 */
export function watchKind(
  repo: Repo,
  catalogue: DocHandle<CatalogueDoc>,
  kind: string,
  key: CatalogueKey,
  onChange: () => void,
): (handle: DocHandle<unknown>) => void {
  const watched = new WeakSet<DocHandle<unknown>>();
  const isKind = (handle: DocHandle<unknown>) => handle.isReady() && (handle.doc() as { kind?: unknown } | undefined)?.kind === kind;
  const watch = (handle: DocHandle<unknown>) => {
    if (watched.has(handle) || handle.documentId === catalogue.documentId) return;
    watched.add(handle);
    handle.on('change', () => {
      if (isKind(handle)) onChange();
      else void Promise.resolve().then(() => isKind(handle) && onChange()); // a requested document: 'change' comes before 'ready'
    });
  };
  repo.on('doc-metrics', (event) => {
    if (event.type !== 'receive-sync-message') return;
    const handle = repo.handles[event.documentId as DocumentId] as DocHandle<unknown> | undefined;
    if (!handle || watched.has(handle)) return;
    watch(handle);
    // This fires inside the handle's update: look once that has finished.
    setTimeout(() => isKind(handle) && onChange(), 0);
  });
  let ids = Object.keys(catalogue.doc()?.[key] ?? {}).join();
  catalogue.on('change', ({ doc }) => {
    const next = Object.keys(doc[key] ?? {}).join();
    if (next === ids) return;
    ids = next;
    onChange();
  });
  return watch;
}

export abstract class CatalogueStore<Doc> {
  readonly repo: Repo;
  readonly catalogue: DocHandle<CatalogueDoc>;
  readonly #key: CatalogueKey;
  #listeners = new Set<() => void>();
  #watch: (handle: DocHandle<unknown>) => void;

  /** `kind`: the documents' `kind` field; `key`: their list in the catalogue. */
  constructor(repo: Repo, catalogue: DocHandle<CatalogueDoc>, kind: string, key: CatalogueKey) {
    this.repo = repo;
    this.catalogue = catalogue;
    this.#key = key;
    this.#watch = watchKind(repo, catalogue, kind, key, () => this.changed());
  }

  /** `listener` runs after any of these documents changes (here, in another tab, or from a device). */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  ids(): string[] {
    return Object.keys(this.catalogue.doc()?.[this.#key] ?? {});
  }

  /** Adds ids to the catalogue (after an import) and saves it. */
  async catalogueAdd(ids: string[]): Promise<void> {
    const key = this.#key;
    this.catalogue.change((catalogue) => {
      // Read the list back after creating it: `??=` returns the plain object, not the document's.
      catalogue[key] ??= {};
      const list = catalogue[key]!;
      for (const id of ids) list[id] ??= true;
    });
    await this.repo.flush([this.catalogue.documentId]);
  }

  protected async handle(id: string): Promise<DocHandle<Doc>> {
    const handle = await this.repo.find<Doc>(id as DocumentId);
    this.watchHandle(handle);
    return handle;
  }

  /** A handle this store made (repo.create) is watched like the ones it finds. */
  protected watchHandle(handle: DocHandle<Doc>): void {
    this.#watch(handle as DocHandle<unknown>);
  }

  protected changed(): void {
    for (const listener of this.#listeners) listener();
  }
}
