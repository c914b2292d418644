// memory.ask, and the fallback for messages no skill understands: answer from what the
// user stored, quoting the sentence that holds the answer.
import type { Slots } from '../../../../workers/assistant/slots.ts';
import type { MemoryHit } from '../../../../workers/memory/memoryIndex.ts';
import type { Reply } from '../reply.ts';
import type { AssistantServices } from '../services.ts';
import { clip } from './text.ts';

function source(hit: { kind: string; title?: string; id: string }): { from: string; href?: string } {
  if (hit.kind === 'task') return { from: `task “${clip(hit.title ?? '', 40)}”`, href: '#/notes/tasks' };
  return { from: hit.title ? `note “${clip(hit.title, 40)}”` : 'a note', href: `#/notes/${hit.id}` };
}

/**
 * How sure a hit is. The built-in model's cosines of related and unrelated texts overlap
 * (measured on its eval set: right answers score 0.25–0.9, unrelated questions 0.3–0.6),
 * so a weak hit is offered with a hedge rather than stated, and only a very weak one with no
 * shared word is dropped.
 */
function confidence(hit: MemoryHit): 'sure' | 'maybe' | 'none' {
  if (hit.score >= 0.45 || hit.matchedTerms.length >= 2) return 'sure';
  if (hit.score < 0.3 && hit.matchedTerms.length === 0) return 'none';
  return 'maybe';
}

export async function askMemory(slots: Slots, text: string, services: AssistantServices): Promise<Reply> {
  const query = (slots.text ?? text).trim();
  const hits = await services.searchMemory(query, { limit: 3, kinds: ['note', 'task'] });
  const best = hits[0];
  const sure = best ? confidence(best) : 'none';
  if (!best || sure === 'none') {
    return { intent: 'memory.ask', text: 'I could not find that in your notes or tasks. Tell me with “note: …” and I will remember it.' };
  }
  const { from, href } = source(best);
  const others = hits.slice(1).map((hit) => ({ label: `Also: ${clip(hit.sentence, 50)}`, href: source(hit).href ?? '#/notes' }));
  return {
    intent: 'memory.ask',
    text: sure === 'sure' ? `From your ${from}:` : `I am not sure, but this in your ${from} looks closest:`,
    quote: { text: best.sentence, from, href, why: best.why },
    links: [...(href ? [{ label: 'Open', href }] : []), ...others],
  };
}

export async function answerUnknown(text: string, services: AssistantServices): Promise<Reply> {
  const hits = text.trim() ? await services.searchMemory(text, { limit: 3, kinds: ['note', 'task'] }) : [];
  if (hits.length === 0 || confidence(hits[0]) !== 'sure') {
    return {
      intent: 'unknown',
      text: 'I did not understand that. Try “help” to see what I can do, or “note: …” to make me remember something.',
    };
  }
  const best = hits[0];
  const { from, href } = source(best);
  return {
    intent: 'unknown',
    text: 'I have no skill for that, but this is the closest thing in your notes:',
    quote: { text: best.sentence, from, href, why: best.why },
  };
}
