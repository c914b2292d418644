// The open conversation: its turns (kept in an Automerge document by the data worker, so
// they survive a reload and can sync) and the one thing the page does with a message —
// hand it to `respond` and append both sides.
import { data } from '../../lib/data.ts';
import { showError } from '../../lib/toasts.svelte.ts';
import type { Reply } from './reply.ts';
import { replyAsText } from './reply.ts';
import { respond } from './respond.ts';
import { assistantServices } from './liveServices.ts';
import { speakReply } from '../voice/spokenReplies.ts';
import { voiceSettings } from '../voice/voiceSettings.svelte.ts';

export interface Turn {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  at: number;
  /** Only for replies made in this page session; after a reload the stored text is shown. */
  reply?: Reply;
}

const CURRENT = 'jarvis.conversation';

export const chat = $state({
  conversationId: null as string | null,
  turns: [] as Turn[],
  busy: false,
  loaded: false,
});

export async function loadConversation(): Promise<void> {
  const id = localStorage.getItem(CURRENT);
  if (id) {
    try {
      const conversation = await (await data()).getConversation(id);
      if (conversation) {
        chat.conversationId = id;
        chat.turns = conversation.turns.map((t) => ({ id: t.id, role: t.role, text: t.text, at: t.at }));
      }
    } catch (error) {
      showError(`Could not open the last conversation: ${(error as Error).message}`);
    }
  }
  chat.loaded = true;
}

/** Starts a fresh conversation; the old one stays stored. */
export function newConversation(): void {
  localStorage.removeItem(CURRENT);
  chat.conversationId = null;
  chat.turns = [];
}

async function store(role: 'user' | 'assistant', text: string, intent?: string): Promise<string> {
  const api = await data();
  if (!chat.conversationId) {
    chat.conversationId = await api.createConversation();
    localStorage.setItem(CURRENT, chat.conversationId);
  }
  return api.appendTurn(chat.conversationId, { role, text, intent });
}

export async function send(text: string): Promise<void> {
  const message = text.trim();
  if (!message || chat.busy) return;
  chat.busy = true;
  const userTurn: Turn = { id: `local-${Date.now()}`, role: 'user', text: message, at: Date.now() };
  chat.turns.push(userTurn);
  try {
    await store('user', message);
    const reply = await respond(message, assistantServices());
    chat.turns.push({ id: `local-${Date.now()}-r`, role: 'assistant', text: reply.text, at: Date.now(), reply });
    speakReply(reply.text, voiceSettings);
    await store('assistant', replyAsText(reply), reply.intent);
  } catch (error) {
    const reply: Reply = { text: `Something went wrong: ${(error as Error).message}. Nothing you stored was changed.`, intent: 'unknown' };
    chat.turns.push({ id: `local-${Date.now()}-e`, role: 'assistant', text: reply.text, at: Date.now(), reply });
  } finally {
    chat.busy = false;
  }
}
