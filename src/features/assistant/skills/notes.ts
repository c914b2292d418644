// note.add, note.find.
import type { Slots } from '../../../../workers/assistant/slots.ts';
import type { Reply } from '../reply.ts';
import type { AssistantServices } from '../services.ts';
import { clip, titleFrom } from './text.ts';

export async function addNote(slots: Slots, services: AssistantServices): Promise<Reply> {
  const body = (slots.text ?? '').trim();
  if (!body) return { intent: 'note.add', text: 'What should the note say? For example: “note: the wifi password is hunter2”.' };
  const title = slots.title ?? titleFrom(body);
  const id = await (await services.data()).createNote({ title, body });
  return { intent: 'note.add', text: `Saved a note: “${clip(body, 120)}”.`, links: [{ label: 'Open note', href: `#/notes/${id}` }] };
}

export async function findNotes(slots: Slots, services: AssistantServices): Promise<Reply> {
  const query = (slots.title ?? slots.text ?? '').trim();
  if (!query) return { intent: 'note.find', text: 'Which notes? For example: “find my notes about the trip”.' };
  const hits = await services.searchMemory(query, { limit: 5, kinds: ['note'] });
  if (hits.length === 0) return { intent: 'note.find', text: `I found no notes about “${clip(query, 60)}”.` };
  return {
    intent: 'note.find',
    text: `${hits.length === 1 ? 'One note matches' : `${hits.length} notes match`} “${clip(query, 60)}”:`,
    links: hits.map((hit) => ({ label: hit.title || clip(hit.sentence, 60), href: `#/notes/${hit.id}` })),
  };
}
