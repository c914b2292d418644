// Realistic-looking notes from a seeded PRNG: a short title and a 200–400 character body
// of plain sentences, some with a #tag or a [[link]] as real notes have.
import { prng } from './stats.ts';

const TOPICS = ['budget', 'garden', 'sprint', 'trip to Lisbon', 'dentist', 'reading list', 'quarterly review',
  'car service', 'birthday party', 'recipe', 'workout plan', 'server migration', 'tax return', 'book club',
  'kitchen renovation', 'onboarding', 'podcast ideas', 'insurance', 'piano practice', 'school meeting'];
const KINDS = ['Notes on', 'Ideas for', 'Plan for', 'Questions about', 'Follow-up:', 'Draft:', 'Summary of', 'Todo for'];
const SUBJECTS = ['We', 'I', 'Anna', 'The team', 'Marco', 'Everyone', 'The landlord', 'My sister'];
const VERBS = ['should check', 'agreed to move', 'still need to compare', 'want to finish', 'forgot to book',
  'will review', 'can postpone', 'need to confirm', 'should write down', 'decided to split'];
const OBJECTS = ['the quotes from both shops', 'the schedule for next week', 'the shared spreadsheet',
  'the tickets before Friday', 'the notes from the last call', 'a cheaper option', 'the open questions',
  'the list of groceries', 'the draft with the new numbers', 'the appointment on Tuesday morning'];
const TAILS = ['before the end of the month', 'if the weather allows', 'after lunch', 'as soon as possible',
  'once the invoice arrives', 'with a reminder the day before', 'and send a short update', 'without rushing it'];

export function noteGenerator(seed: number): () => { title: string; body: string } {
  const random = prng(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  let n = 0;
  return () => {
    n++;
    const title = `${pick(KINDS)} ${pick(TOPICS)} ${n % 7 === 0 ? `#${n}` : ''}`.trim();
    const target = 200 + Math.floor(random() * 201);
    let body = '';
    while (body.length < target) {
      const extra = random() < 0.1 ? ` See [[${pick(KINDS)} ${pick(TOPICS)}]].` : random() < 0.1 ? ` #${pick(TOPICS).split(' ')[0]}` : '';
      body += `${body ? ' ' : ''}${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(TAILS)}.${extra}`;
    }
    return { title, body: body.slice(0, target) };
  };
}
