// What a skill answers. Plain text only: the transcript renders it as text, never as HTML,
// so nothing a user (or a note) says can inject markup into the page.
import type { Prediction } from '../../../workers/assistant/intents.ts';

export interface Reply {
  text: string;
  /** A sentence quoted from the user's own data, with where it came from. */
  quote?: { text: string; from: string; href?: string; /** Why it matched, e.g. `words "wifi" · meaning 0.62`. */ why?: string };
  /** In-app places the reply points at ("Open note", "Open in Quantum lab"). */
  links?: { label: string; href: string; /** Opens the Quantum lab with this circuit. */ qasm?: string }[];
  /** A follow-up the UI offers as a button (it must run from a user gesture). */
  action?: 'allow-notifications';
  intent: Prediction;
}

/** The reply as one line of text, as stored in the conversation document. */
export function replyAsText(reply: Reply): string {
  return reply.quote ? `${reply.text}\n“${reply.quote.text}” (${reply.quote.from})` : reply.text;
}
