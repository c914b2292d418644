// Each device has its own catalogue document (the list of every note, circuit, task and
// conversation it holds). Devices in a sync space tell each other their catalogue ids; each
// follows the others' catalogues and copies in the entries it lacks, so every device ends
// up listing — and therefore fetching — everything. Entries are only ever added: a deletion
// is a flag inside the item's own document, so the union is always right.
import type { DocHandle, DocumentId, Repo } from '@automerge/automerge-repo/slim';
import { CATALOGUE_KINDS, type CatalogueDoc } from './schema.ts';

/** Copies into `local` the entries of `remote` it lacks; true when something was added. */
export function mergeCatalogue(local: DocHandle<CatalogueDoc>, remote: CatalogueDoc | undefined): boolean {
  const mine = local.doc();
  if (!remote || remote.kind !== 'catalogue' || !mine) return false;
  const missing = CATALOGUE_KINDS.flatMap((key) =>
    Object.keys(remote[key] ?? {})
      .filter((id) => !mine[key]?.[id])
      .map((id) => [key, id] as const),
  );
  if (missing.length === 0) return false;
  local.change((doc) => {
    for (const [key, id] of missing) {
      // Not `(doc[key] ??= {})[id]`: `??=` returns the plain object, and writes to it are lost.
      doc[key] ??= {};
      doc[key]![id] = true;
    }
  });
  return true;
}

export class CatalogueFollower {
  readonly #repo: Repo;
  readonly #local: DocHandle<CatalogueDoc>;
  readonly #following = new Map<string, Promise<void>>();

  /** The local catalogue's own change events tell the stores what arrived. */
  constructor(repo: Repo, local: DocHandle<CatalogueDoc>) {
    this.#repo = repo;
    this.#local = local;
  }

  /**
   * Follows another device's catalogue. The document may not have arrived yet (the peer
   * connected a moment ago), so finding it is retried a few times before giving up; the next
   * connection to that device asks again.
   */
  follow(id: string): Promise<void> {
    if (id === this.#local.documentId) return Promise.resolve();
    let following = this.#following.get(id);
    if (!following) {
      following = this.#find(id as DocumentId).then(
        (handle) => {
          const merge = () => void mergeCatalogue(this.#local, handle.doc());
          handle.on('change', merge);
          merge();
        },
        (error: unknown) => {
          this.#following.delete(id);
          throw error;
        },
      );
      this.#following.set(id, following);
    }
    return following;
  }

  /** Finds another device's catalogue, retrying while it may still be on its way. */
  find(id: string): Promise<DocHandle<CatalogueDoc>> {
    return this.#find(id as DocumentId);
  }

  async #find(id: DocumentId): Promise<DocHandle<CatalogueDoc>> {
    let lastError: unknown;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        return await this.#repo.find<CatalogueDoc>(id);
      } catch (error) {
        lastError = error;
        await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
      }
    }
    throw lastError;
  }
}
