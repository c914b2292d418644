// Tasks: one Automerge document each, listed in the catalogue's `tasks` map (like circuits),
// so a save or a sync touches one small document. A person keeps hundreds of tasks, not
// tens of thousands, so the list reads the documents themselves.

import { Automerge, type DocHandle, type Repo } from '@automerge/automerge-repo/slim';
import type { TaskDue, TaskInit, TaskPatch, TaskQuery, TaskView } from './api.ts';
import { UpdateTheAppError } from './notesStore.ts';
import { isTooNew, TASK_SCHEMA, type CatalogueDoc, type TaskDoc } from './schema.ts';
import { CatalogueStore } from './catalogueStore.ts';

/** Throws a message for the user when `due` is not an instant plus a real IANA zone. */
export function checkDue(due: TaskDue | null | undefined): TaskDue | null {
  if (due === null || due === undefined) return null;
  if (typeof due.at !== 'number' || !Number.isFinite(due.at)) throw new Error('A due time must be a date and time.');
  try {
    new Intl.DateTimeFormat('en', { timeZone: due.timeZone });
  } catch {
    throw new Error(`"${due.timeZone}" is not a time zone this device knows.`);
  }
  return { at: due.at, timeZone: due.timeZone };
}

export class TasksStore extends CatalogueStore<TaskDoc> {
  constructor(repo: Repo, catalogue: DocHandle<CatalogueDoc>) {
    super(repo, catalogue, 'task', 'tasks');
  }

  /** Every catalogued task, deleted ones included, in no particular order. */
  async all(now = Date.now()): Promise<TaskView[]> {
    const views = await Promise.all(this.ids().map(async (id) => toView(id, await this.handle(id).then((h) => h.doc(), () => undefined), now))); // unavailable now: left out
    return views.filter((view): view is TaskView => view !== null);
  }

  async list(query: TaskQuery = {}): Promise<TaskView[]> {
    const status = query.status ?? 'all';
    const tasks = (await this.all(query.now)).filter(
      (task) => !task.deleted && (status === 'all' || task.done === (status === 'done')),
    );
    return tasks.sort(compareTasks);
  }

  async get(id: string, now = Date.now()): Promise<TaskView | null> {
    if (!this.ids().includes(id)) return null;
    return toView(id, (await this.handle(id)).doc(), now);
  }

  /** Open tasks holding the words of `text` in their title: all the words first, then most. */
  async find(text: string): Promise<TaskView[]> {
    const words = wordsOf(text);
    if (words.length === 0) return [];
    const scored = (await this.list({ status: 'open' }))
      .map((task) => {
        const title = wordsOf(task.title);
        const score = words.filter((word) => title.some((t) => t.startsWith(word))).length;
        return { task, score };
      })
      .filter(({ score }) => score > 0);
    // A stable sort keeps the list order among equals.
    return scored.sort((a, b) => b.score - a.score).map(({ task }) => task);
  }

  async create(init: TaskInit): Promise<string> {
    const title = init.title.trim();
    if (!title) throw new Error('A task needs a title.');
    const now = Date.now();
    const doc: TaskDoc = {
      schema: TASK_SCHEMA,
      kind: 'task',
      title,
      notes: init.notes ?? '',
      due: checkDue(init.due),
      done: false,
      doneAt: null,
      remindedAt: null,
      deleted: false,
      created: now,
      updated: now,
    };
    if (init.source) doc.source = init.source;
    const handle = this.repo.create<TaskDoc>(doc);
    this.watchHandle(handle);
    this.catalogue.change((catalogue) => {
      catalogue.tasks ??= {};
      catalogue.tasks[handle.documentId] = true;
    });
    await this.repo.flush([handle.documentId, this.catalogue.documentId]);
    return handle.documentId;
  }

  /** Resolves once the change is committed to IndexedDB. */
  async update(id: string, patch: TaskPatch): Promise<void> {
    if (!this.ids().includes(id)) throw new Error('That task does not exist on this device.');
    const handle = await this.handle(id);
    if (isTooNew(handle.doc(), TASK_SCHEMA)) throw new UpdateTheAppError('task');
    if (patch.title !== undefined && !patch.title.trim()) throw new Error('A task needs a title.');
    const due = patch.due === undefined ? undefined : checkDue(patch.due);
    const now = Date.now();
    handle.change((doc) => {
      if (patch.title !== undefined && doc.title !== patch.title.trim()) Automerge.updateText(doc, ['title'], patch.title.trim());
      if (patch.notes !== undefined && doc.notes !== patch.notes) Automerge.updateText(doc, ['notes'], patch.notes);
      if (due !== undefined && !sameDue(doc.due, due)) {
        doc.due = due;
        doc.remindedAt = null; // a new due time gets its own reminder
      }
      if (patch.done !== undefined && doc.done !== patch.done) {
        doc.done = patch.done;
        doc.doneAt = patch.done ? now : null;
      }
      if (patch.remindedAt !== undefined && doc.remindedAt !== patch.remindedAt) doc.remindedAt = patch.remindedAt;
      if (patch.deleted !== undefined && doc.deleted !== patch.deleted) doc.deleted = patch.deleted;
      doc.updated = now;
    });
    await this.repo.flush([handle.documentId]);
  }
}

function toView(id: string, doc: TaskDoc | undefined, now: number): TaskView | null {
  if (doc?.kind !== 'task') return null;
  const due = doc.due && typeof doc.due.at === 'number' ? { at: doc.due.at, timeZone: String(doc.due.timeZone) } : null;
  const done = doc.done === true;
  const view: TaskView = {
    id,
    title: String(doc.title ?? ''),
    notes: String(doc.notes ?? ''),
    due,
    done,
    doneAt: typeof doc.doneAt === 'number' ? doc.doneAt : null,
    remindedAt: typeof doc.remindedAt === 'number' ? doc.remindedAt : null,
    deleted: doc.deleted === true,
    created: Number(doc.created) || 0,
    updated: Number(doc.updated) || 0,
    overdue: !done && due !== null && due.at < now,
    tooNew: isTooNew(doc, TASK_SCHEMA),
  };
  if (typeof doc.source === 'string') view.source = doc.source;
  return view;
}

/** Open before done; open: dated by due time (so overdue first), then undated oldest first; done: latest first. */
export function compareTasks(a: TaskView, b: TaskView): number {
  if (a.done !== b.done) return a.done ? 1 : -1;
  if (a.done) return (b.doneAt ?? 0) - (a.doneAt ?? 0) || a.id.localeCompare(b.id);
  if (a.due && b.due) return a.due.at - b.due.at || a.created - b.created || a.id.localeCompare(b.id);
  if (a.due || b.due) return a.due ? -1 : 1;
  return a.created - b.created || a.id.localeCompare(b.id);
}

function sameDue(a: TaskDue | null | undefined, b: TaskDue | null): boolean {
  return (a ?? null) === null ? b === null : b !== null && a!.at === b.at && a!.timeZone === b.timeZone;
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}
