// Conversations with the assistant: one Automerge document each (turns append to a list),
// listed in the catalogue's `conversations` map so they sync and back up like notes.

import type { DocHandle, Repo } from '@automerge/automerge-repo/slim';
import type { ConversationSummary, ConversationTurn, ConversationView } from './api.ts';
import { UpdateTheAppError } from './notesStore.ts';
import { CONVERSATION_SCHEMA, isTooNew, type CatalogueDoc, type ConversationDoc, type ConversationTurnDoc } from './schema.ts';
import { CatalogueStore } from './catalogueStore.ts';

const TITLE_LENGTH = 60;

export class ConversationsStore extends CatalogueStore<ConversationDoc> {
  constructor(repo: Repo, catalogue: DocHandle<CatalogueDoc>) {
    super(repo, catalogue, 'conversation', 'conversations');
  }

  /** Every catalogued conversation, deleted ones included. */
  async all(): Promise<ConversationView[]> {
    const views = await Promise.all(this.ids().map(async (id) => toView(id, (await this.handle(id)).doc())));
    return views.filter((view): view is ConversationView => view !== null);
  }

  async list(): Promise<ConversationSummary[]> {
    return (await this.all())
      .filter((c) => !c.deleted)
      .map(({ id, title, updated, turns, tooNew }) => ({ id, title, updated, turns: turns.length, tooNew }))
      .sort((a, b) => b.updated - a.updated || a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<ConversationView | null> {
    if (!this.ids().includes(id)) return null;
    return toView(id, (await this.handle(id)).doc());
  }

  async create(): Promise<string> {
    const now = Date.now();
    const handle = this.repo.create<ConversationDoc>({
      schema: CONVERSATION_SCHEMA,
      kind: 'conversation',
      title: '',
      created: now,
      updated: now,
      deleted: false,
      turns: [],
    });
    this.watchHandle(handle);
    this.catalogue.change((catalogue) => {
      catalogue.conversations ??= {};
      catalogue.conversations[handle.documentId] = true;
    });
    await this.repo.flush([handle.documentId, this.catalogue.documentId]);
    return handle.documentId;
  }

  /** Appends a turn; resolves with its id once committed to IndexedDB. */
  async append(id: string, turn: { role: 'user' | 'assistant'; text: string; intent?: string }): Promise<string> {
    if (turn.role !== 'user' && turn.role !== 'assistant') throw new Error(`A turn's role is user or assistant, not "${String(turn.role)}".`);
    const handle = await this.#existing(id);
    const now = Date.now();
    const entry: ConversationTurnDoc = { id: turnId(), role: turn.role, text: String(turn.text), at: now };
    if (turn.intent) entry.intent = turn.intent; // Automerge stores no `undefined`
    handle.change((doc) => {
      doc.turns.push(entry);
      if (!doc.title && turn.role === 'user' && entry.text.trim()) doc.title = shorten(entry.text);
      doc.updated = now;
    });
    await this.repo.flush([handle.documentId]);
    return entry.id;
  }

  async remove(id: string): Promise<void> {
    const handle = await this.#existing(id);
    handle.change((doc) => {
      doc.deleted = true;
      doc.updated = Date.now();
    });
    await this.repo.flush([handle.documentId]);
  }

  /** The handle of a catalogued conversation this app may write to. */
  async #existing(id: string): Promise<DocHandle<ConversationDoc>> {
    if (!this.ids().includes(id)) throw new Error('That conversation does not exist on this device.');
    const handle = await this.handle(id);
    if (isTooNew(handle.doc(), CONVERSATION_SCHEMA)) throw new UpdateTheAppError('conversation');
    return handle;
  }
}

function toView(id: string, doc: ConversationDoc | undefined): ConversationView | null {
  if (doc?.kind !== 'conversation') return null;
  const turns = (Array.isArray(doc.turns) ? doc.turns : []).map((turn) => {
    const view: ConversationTurn = { id: String(turn.id), role: turn.role, text: String(turn.text ?? ''), at: Number(turn.at) || 0 };
    if (typeof turn.intent === 'string') view.intent = turn.intent;
    return view;
  });
  return {
    id,
    title: String(doc.title ?? ''),
    created: Number(doc.created) || 0,
    updated: Number(doc.updated) || 0,
    deleted: doc.deleted === true,
    turns,
    tooNew: isTooNew(doc, CONVERSATION_SCHEMA),
  };
}

function shorten(text: string): string {
  const line = text.trim().replace(/\s+/g, ' ');
  return line.length <= TITLE_LENGTH ? line : `${line.slice(0, TITLE_LENGTH - 1).trimEnd()}…`;
}

/** A short random id, unique within its conversation (getRandomValues works on plain http too). */
function turnId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
