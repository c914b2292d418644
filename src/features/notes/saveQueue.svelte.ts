// Sends a note's edits to the worker one batch at a time, merging edits made while a
// save is under way, and says "Saved" only when the worker confirmed the last one
// reached IndexedDB.

import type { NotePatch } from '../../../workers/data/api.ts';

export class SaveQueue {
  status = $state<'idle' | 'saving' | 'saved' | 'error'>('idle');
  error = $state('');
  #pending: NotePatch | null = null;
  #running = false;
  #drained: Promise<void> = Promise.resolve();
  #save: (patch: NotePatch) => Promise<void>;

  constructor(save: (patch: NotePatch) => Promise<void>) {
    this.#save = save;
  }

  /** True while edits are on their way: incoming snapshots must not overwrite the fields. */
  get busy(): boolean {
    return this.#running || this.#pending !== null;
  }

  push(patch: NotePatch): void {
    this.#pending = { ...this.#pending, ...patch };
    this.status = 'saving';
    if (!this.#running) this.#drained = this.#drain();
  }

  /** Resolves when everything pushed so far is saved (or failed). */
  settled(): Promise<void> {
    return this.#drained;
  }

  async #drain(): Promise<void> {
    this.#running = true;
    let failed = false;
    while (this.#pending) {
      const patch = this.#pending;
      this.#pending = null;
      try {
        await this.#save(patch);
      } catch (error) {
        failed = true;
        this.error = (error as Error).message;
      }
    }
    this.#running = false;
    this.status = failed ? 'error' : 'saved';
  }
}
