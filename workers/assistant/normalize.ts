// Shared text clean-up for the rules and the embedding router: lower case, contractions and
// hyphens flattened, and small slips (typos from typing or from Whisper) snapped to the
// keywords the rules know, so "remnd me" and "serch notes" read as intended.

/** The longest input we analyse; anything past this is ignored (a pasted essay is not a command). */
export const MAX_CHARS = 500;

// Words the rules key on. A token one edit away from one of these (and not itself a common
// word) is read as that keyword.
const KEYWORDS = [
  'remind', 'reminder', 'reminders', 'search', 'timer', 'battery', 'start', 'stop', 'share', 'help',
  'create', 'what', 'whats', 'password', 'permissions', 'record', 'recording', 'note', 'notes',
  'task', 'tasks', 'sensor', 'sensors', 'qubit', 'qubits', 'status', 'sync', 'countdown',
  'minutes', 'seconds', 'complete', 'finished', 'orientation', 'accelerometer', 'location',
  'teleportation', 'grover', 'recommend', 'todo', 'simulate', 'circuit', 'charging', 'system',
];
const KEYWORD_SET = new Set(KEYWORDS);

// Real words that sit one edit away from a keyword and must stay as they are.
const COMMON = new Set([
  'ask', 'too', 'tod', 'sop', 'not', 'nite', 'nose', 'node', 'none', 'vote', 'tote', 'that', 'hat', 'chat', 'whet',
  'top', 'step', 'shop', 'stops', 'stoop', 'star', 'stat', 'state', 'stare', 'share', 'shire',
  'shore', 'shame', 'shape', 'spare', 'hold', 'held', 'hell', 'helm', 'hemp', 'task', 'tusk',
  'taste', 'test', 'tack', 'timer', 'tier', 'tiler', 'time', 'timed', 'tamer', 'battery',
  'batter', 'butter', 'sink', 'sung', 'sang', 'song', 'remand', 'rewind', 'record', 'recorder',
  'status', 'statue', 'minutes', 'minute', 'second', 'complete', 'creative', 'crate', 'treat',
  'created', 'finish', 'finishes', 'location', 'locations', 'notes', 'noted', 'nets', 'sensory',
  'censor', 'senior', 'sensors', 'quit', 'quite', 'today', 'toddy', 'searched', 'starch',
]);

/** Optimal-string-alignment distance, capped: we only care whether it is 0, 1 or more. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length] <= 1;
}

function fixTypo(token: string): string {
  if (token.length < 3 || KEYWORD_SET.has(token) || /\d/.test(token)) return token;
  if (COMMON.has(token)) return token;
  for (const keyword of KEYWORDS) {
    if (keyword.length >= 4 && withinOneEdit(token, keyword)) return keyword;
  }
  return token;
}

/** The text with misspelt keywords corrected in place; everything else (case too) kept. */
export function fixTypos(text: string): string {
  return text.replace(/[A-Za-z]+/g, (word) => {
    const fixed = fixTypo(word.toLowerCase());
    return fixed === word.toLowerCase() ? word : fixed;
  });
}

/**
 * fixTypos for reading the command, plus the way back to the user's own words: a note or a
 * task keeps what was typed ("pasword" stays "pasword"), and a message longer than the part
 * the router reads keeps its tail. `full` is the whole message `clipped` was cut from.
 */
export function fixTyposKeepingOriginal(clipped: string, full: string = clipped): { fixed: string; original(piece: string): string } {
  let fixed = '';
  // For each offset in `fixed`: where a piece starting / ending there starts / ends in `clipped`.
  const startAt: number[] = [];
  const endAt: number[] = [0];
  let last = 0;
  const copy = (from: number, to: number) => {
    for (let o = from; o < to; o++) {
      startAt.push(o);
      endAt.push(o + 1);
    }
    fixed += clipped.slice(from, to);
  };
  for (const match of clipped.matchAll(/[A-Za-z]+/g)) {
    const word = match[0];
    const at = match.index;
    copy(last, at);
    const typo = fixTypo(word.toLowerCase());
    if (typo === word.toLowerCase()) copy(at, at + word.length);
    else {
      for (let i = 0; i < typo.length; i++) {
        startAt.push(at);
        endAt.push(at + word.length);
      }
      fixed += typo;
    }
    last = at + word.length;
  }
  copy(last, clipped.length);
  return {
    fixed,
    original(piece) {
      const from = fixed.indexOf(piece);
      if (from < 0 || piece === '') return piece;
      const to = from + piece.length;
      // Reaching the end of what the router read means "to the end of the message".
      const end = fixed.slice(to).trim() === '' && full.startsWith(clipped) ? full.length : endAt[to];
      return full.slice(startAt[from], end).trim();
    },
  };
}

/** Trimmed, length-capped input: the part of an utterance we look at. */
export function clip(text: unknown): string {
  return typeof text === 'string' ? text.trim().slice(0, MAX_CHARS) : '';
}

/** True when the text has at least one Latin letter or digit (our rules and model are English). */
export function hasWords(text: string): boolean {
  return /[a-z0-9]/i.test(text);
}

/** Lower-case words separated by single spaces, typos snapped to keywords. */
export function normalize(text: string): string {
  const flat = clip(text)
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’`]/g, '') // what's → whats, i've → ive
    .replace(/\bto[\s-]?dos?\b/g, 'todo')
    .replace(/[^a-z0-9.:]+/g, ' ') // hyphens, quotes and other punctuation → spaces
    .replace(/(?<!\d)[.:]|[.:](?!\d)/g, ' '); // keep 6:30 and 2.5, drop other dots and colons
  return flat.split(/\s+/).filter(Boolean).map(fixTypo).join(' ');
}
