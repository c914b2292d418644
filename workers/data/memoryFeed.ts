// What the semantic memory embeds, pulled by the inference worker: notes, tasks and what the
// user said to the assistant. The memory worker re-pulls when told that something changed.

import type { MemoryItem } from './api.ts';
import type { ConversationsStore } from './conversationsStore.ts';
import type { NoteRecord } from './noteIndex.ts';
import type { TasksStore } from './tasksStore.ts';

/** Live notes (archived ones too), live tasks, and every user turn of live conversations. */
export async function memoryItems(
  notes: Iterable<NoteRecord>,
  tasks: TasksStore,
  conversations: ConversationsStore,
): Promise<MemoryItem[]> {
  const items: MemoryItem[] = [];
  for (const note of notes) {
    if (note.deleted) continue;
    items.push({ id: note.id, kind: 'note', title: note.title, text: joinText(note.title, note.body), updated: note.updated });
  }
  for (const task of await tasks.all()) {
    if (task.deleted) continue;
    items.push({ id: task.id, kind: 'task', title: task.title, text: joinText(task.title, task.notes), updated: task.updated });
  }
  for (const conversation of await conversations.all()) {
    if (conversation.deleted) continue;
    for (const turn of conversation.turns) {
      if (turn.role !== 'user' || !turn.text.trim()) continue;
      items.push({ id: `${conversation.id}:${turn.id}`, kind: 'turn', text: turn.text, updated: turn.at });
    }
  }
  return items;
}

function joinText(title: string, body: string): string {
  return body ? `${title}\n${body}` : title;
}

export const MEMORY_DEBOUNCE_MS = 250;

/**
 * The callbacks to tell after a change, called at most once per MEMORY_DEBOUNCE_MS (a
 * steady stream of changes — a conversation — must not starve them). They usually are
 * comlink proxies into another worker: called fire and forget, and dropped once they fail.
 * `version` counts changes, so a reader can tell whether what it pulled is still current.
 */
export class MemoryNotifier {
  #callbacks = new Set<() => unknown>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  version = 0;

  add(callback: () => unknown): void {
    this.#callbacks.add(callback);
  }

  /** Something changed: notify every callback MEMORY_DEBOUNCE_MS after the first change of a burst. */
  changed(): void {
    this.version++;
    if (this.#callbacks.size === 0 || this.#timer !== null) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      for (const callback of this.#callbacks) this.#call(callback);
    }, MEMORY_DEBOUNCE_MS);
  }

  #call(callback: () => unknown): void {
    const drop = () => this.#callbacks.delete(callback);
    try {
      void Promise.resolve(callback()).catch(drop);
    } catch {
      drop();
    }
  }
}
