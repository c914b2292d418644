// Slots: the details a skill needs, pulled from the utterance for the chosen intent —
// dates and times (chrono-node, in the user's time zone), durations, numbers, qubit counts,
// quantum template names, sample rates, sensor names, quoted titles and the free-text payload.
import * as chrono from 'chrono-node';
import type { Prediction } from './intents.ts';
import { clip, fixTyposKeepingOriginal } from './normalize.ts';
import { NUMBER, WORD_NUMBER, firstNumber, parseNumber } from './numbers.ts';
import { offsetMinutes, reanchor, validTimeZone } from './timeZone.ts';

export interface Slots {
  /** The payload: note body (note.add), task title (task.add/task.done), query (note.find/memory.ask), timer label. */
  text?: string;
  /** A quoted "…" or '…' title. */
  title?: string;
  /** When a task is due, e.g. "tomorrow at 5pm"; `at` is epoch ms, `timeZone` the IANA zone it was said in. */
  due?: { at: number; timeZone: string; text: string };
  /** "in 10 minutes", "for 90 seconds", "1h30m". */
  durationMs?: number;
  qubits?: number;
  /** bell | ghz | qft | grover | deutsch-jozsa | bernstein-vazirani | teleportation | qaoa | vqe */
  template?: string;
  rateHz?: number;
  /** motion | orientation | geolocation | light */
  sensors?: string[];
  /** The first number mentioned (digits, words or an ordinal such as "first"). */
  number?: number;
}

export interface SlotContext {
  now: Date;
  /** IANA zone, e.g. 'America/New_York'. */
  timeZone: string;
}

// ---- quoted titles ----------------------------------------------------------------------

const TITLE = /"([^"]+)"|“([^”]+)”|(?:^|[\s(:])'([^']+)'(?=$|[\s.,!?:;)])/;

function findTitle(text: string): { title: string; match: string } | undefined {
  const m = TITLE.exec(text);
  const title = m && (m[1] ?? m[2] ?? m[3])?.trim();
  return m && title ? { title, match: m[0] } : undefined;
}

// ---- durations --------------------------------------------------------------------------

const UNIT_MS: [RegExp, number][] = [
  [/^(?:h|hr|hrs|hour|hours)$/, 3_600_000],
  [/^(?:m|min|mins|minute|minutes)$/, 60_000],
  [/^(?:s|sec|secs|second|seconds)$/, 1_000],
  [/^(?:day|days)$/, 86_400_000],
];
// A count then a unit: digits may touch the unit ("90s", "1h30m"); words need a space.
const DURATION_PART = new RegExp(
  String.raw`(?:(?<![\w.])|(?<=\d(?:h|hr|hrs|m|min|mins|s)))(?:(\d+(?:\.\d+)?)\s*-?\s*|(${WORD_NUMBER}|an?)[\s-]+)` +
    String.raw`(hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s|days?)(?![a-z])|\bhalf an? hour\b|\bquarter of an? hour\b`,
  'gi',
);

/** The first run of duration phrases ("1 hour and 30 minutes", "1h30m"), in ms. */
export function parseDuration(text: string): { ms: number; text: string } | undefined {
  let total = 0;
  let start = -1;
  let end = -1;
  for (const m of text.matchAll(DURATION_PART)) {
    // Only parts joined by spaces, commas or "and" belong to the same duration.
    if (end >= 0 && !/^[\s,]*(?:and)?[\s,]*$/i.test(text.slice(end, m.index))) break;
    const phrase = m[0].toLowerCase();
    let ms: number;
    if (phrase.startsWith('half')) ms = 1_800_000;
    else if (phrase.startsWith('quarter')) ms = 900_000;
    else {
      const unit = UNIT_MS.find(([re]) => re.test(m[3].toLowerCase()));
      ms = unit ? parseNumber(m[1] ?? m[2]) * unit[1] : NaN;
    }
    if (!Number.isFinite(ms)) break;
    if (start < 0) start = m.index;
    total += ms;
    end = m.index + m[0].length;
  }
  if (start < 0) return undefined;
  const rest = text.slice(end);
  if (/^\s+and a half\b/i.test(rest)) {
    // "an hour and a half": half of the last unit; approximate with half an hour per hour
    total += total >= 3_600_000 ? 1_800_000 : total / 2;
    end += /^\s+and a half/i.exec(rest)![0].length;
  }
  return total > 0 ? { ms: Math.round(total), text: text.slice(start, end) } : undefined;
}

// ---- dates and times (chrono-node) ------------------------------------------------------

/** chrono's casual parser, but only results that name a day or a time. */
function parseDue(text: string, ctx: SlotContext): Slots['due'] {
  const timeZone = validTimeZone(ctx.timeZone);
  const offset = offsetMinutes(ctx.now, timeZone);
  const results = chrono.parse(text, { instant: ctx.now, timezone: offset }, { forwardDate: true });
  const result = results[0];
  if (!result) return undefined;
  let at = result.start.date();
  // "in 20 minutes" is an exact span from now; anything else names a wall-clock time that
  // must stay that time even if a DST switch lies between now and then.
  const relative = /\b(?:in|within|after|from now|later)\b/i.test(result.text)
    && /\b(?:sec|second|min|minute|hour|hr)s?\b/i.test(result.text);
  if (!relative) at = reanchor(at, offset, timeZone);
  return { at: at.getTime(), timeZone, text: result.text };
}

// ---- quantum templates, rates and sensors -----------------------------------------------

const TEMPLATES: [RegExp, string][] = [
  [/\bghz\b/i, 'ghz'],
  [/\b(?:qft|fourier)\b/i, 'qft'],
  [/\bgrover/i, 'grover'],
  [/\bdeutsch(?:[\s-]*jozsa)?\b|\bjozsa\b/i, 'deutsch-jozsa'],
  [/\bbernstein(?:[\s-]*vazirani)?\b|\bvazirani\b/i, 'bernstein-vazirani'],
  [/\bteleport/i, 'teleportation'],
  [/\bqaoa\b/i, 'qaoa'],
  [/\bvqe\b|\bvariational\b|\beigensolver\b/i, 'vqe'],
  [/\bbell\b|\bepr\b/i, 'bell'],
];

const SENSORS: [RegExp, string][] = [
  [/\b(?:motion|accelerometer|accel|gyro\w*|acceleration)\b/i, 'motion'],
  [/\b(?:orientation|compass|tilt)\b/i, 'orientation'],
  [/\b(?:gps|location|geolocation|position)\b/i, 'geolocation'],
  [/\b(?:light|ambient|lux|brightness)\b/i, 'light'],
];

function findQubits(text: string): number | undefined {
  const m = new RegExp(String.raw`\b(${NUMBER})\s*-?\s*qubits?\b`, 'i').exec(text)
    ?? new RegExp(String.raw`\bqubits?\s*(?:=|:|of)?\s*(${NUMBER})\b`, 'i').exec(text);
  const n = m ? parseNumber(m[1]) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function findRate(text: string): number | undefined {
  const hz = new RegExp(String.raw`\b(${NUMBER})\s*(?:hz|hertz)\b`, 'i').exec(text);
  if (hz) return parseNumber(hz[1]);
  const perSecond = new RegExp(String.raw`\b(${NUMBER})\s+(?:times\s+)?(?:a|per)\s+second\b`, 'i').exec(text);
  if (perSecond) return parseNumber(perSecond[1]);
  const every = new RegExp(String.raw`\bevery\s+(?:(${NUMBER})\s+)?seconds?\b`, 'i').exec(text);
  if (every) return 1 / (every[1] ? parseNumber(every[1]) : 1);
  return undefined;
}

// ---- the payload text -------------------------------------------------------------------

/** Strips leftovers such as "to", "at", "please" and punctuation from the ends. */
function tidy(text: string): string {
  let t = text.replace(/\s+/g, ' ').trim();
  const edge = /^(?:[\s,.:;!?-]+|(?:to|at|on|by|due|for|in|please|and|called|named|that|saying|about)\b)|(?:[\s,.:;!?-]+|\b(?:to|at|on|by|due|for|in|please|and|now|thanks|then|every|each))$/i;
  for (let previous = ''; previous !== t; ) {
    previous = t;
    t = t.replace(edge, '').trim();
  }
  return t;
}

/** Tries each pattern; a pattern with a group keeps the group, one without is stripped. */
function payload(text: string, patterns: RegExp[]): string {
  for (const re of patterns) {
    const m = re.exec(text);
    if (!m) continue;
    return tidy(m[1] !== undefined ? m[1] : text.replace(re, ' '));
  }
  return tidy(text);
}

const NOTE_ADD = [
  /^(?:please\s+)?note\s+to\s+self\b[\s:,-]*/i,
  /^(?:please\s+)?note\s*[:,-]\s*/i,
  /^(?:please\s+)?(?:note|write|jot)\s+(?:this\s+|it\s+)?down\b\s*(?:that\b)?\s*:?/i,
  /^(?:please\s+)?(?:add|take|make|write|save|create|jot|store|start|new)\s+(?:an?\s+|the\s+|new\s+|quick\s+)*note\b\s*(?:that|saying|about|called|named|to say|:|-)?\s*/i,
  /^(?:please\s+)?(?:new|quick)\s+note\b\s*(?:called|named|:|-)?\s*/i,
  /^(?:please\s+)?(?:remember|store)\s+(?:that\b|this\b)?\s*:?/i,
  /^(?:please\s+)?note\s+that\b/i,
];

const TASK_ADD = [
  /^(?:please\s+)?(?:can you\s+)?remind me\s+(?:to|about|that)?/i,
  /^(?:please\s+)?(?:add|put)\s+(.+?)\s+(?:on|to|in)\s+(?:my\s+|the\s+)?(?:to-?do|todo|task)s?(?:\s+list)?\b/i,
  /^(?:please\s+)?(?:add|create|make|new|set)\s+(?:an?\s+|new\s+)*(?:task|to-?\s?do|todo|reminder)s?\b\s*(?:to|:|-|called|named|for)?/i,
  /^(?:to-?\s?do|todo|task)\s*[:-]?/i,
  /^i\s+(?:need|have|must|should|got)\s+to\s+(.+?)\s*,?\s+(?:add|put|make)\s+(?:it|this|that)\b.*$/i,
  /^i\s+(?:need|have|must|should|got)\s+to\b/i,
];

const TASK_DONE = [
  /^(?:please\s+)?(?:mark|set|tick|check|cross)\s+(?:off\s+)?(.+?)\s+(?:as\s+|to\s+)?(?:done|complete|completed|finished|off)\b/i,
  /^(?:please\s+)?(?:tick|check|cross)\s+off\s+(.+)$/i,
  /^(?:i(?:'m| am)?\s+)?done with\s+(.+)$/i,
  /^complete\s+(.+)$/i,
  /^(.+?)\s+(?:is|are)\s+(?:done|complete|completed|finished)\b/i,
  /^(?:i(?:'ve| have)?\s+)?(?:finished|completed|done|did)\s+(.+?)(?:,.*)?$/i,
];

const NOTE_FIND = [
  /\b(?:about|on|for|mentioning|mention|mentions|regarding|tagged|called|named|with)\s+(.+)$/i,
  /^(?:please\s+)?(?:find|search|look up|look for|show|open|list|pull up|get)\s+(?:me\s+)?(?:my\s+|the\s+|all\s+)?notes?\b/i,
];

// Question and filler words dropped from a memory question to leave its subject.
const QUESTION_WORDS = new Set(
  ('what whats what\'s wats was is are were when whens where wheres who whos whose which how why do does did ' +
    'you i me my the a an again remember tell about say said put again please can could of to').split(' '),
);

function memoryQuery(text: string): string {
  const words = text.toLowerCase().replace(/[?!.,]/g, ' ').split(/\s+/).filter(Boolean);
  const kept = words.filter((w) => !QUESTION_WORDS.has(w));
  return (kept.length ? kept : words).join(' ');
}

function timerLabel(text: string, title: string | undefined): string | undefined {
  if (title) return title;
  const named = /\b(?:called|named|labell?ed|for the)\s+([a-z][\w-]*)/i.exec(text);
  if (named && Number.isNaN(parseNumber(named[1]))) return named[1];
  const kind = /\b([a-z]+)\s+(?:timer|countdown)\b/i.exec(text);
  const skip = /^(?:a|an|the|my|set|start|minute|minutes|second|seconds|hour|hours|min|mins|sec|secs|new)$/i;
  return kind && !skip.test(kind[1]) ? kind[1] : undefined;
}

// ---- all together -----------------------------------------------------------------------

/** Slots for `intent` from `text`; fields that don't apply or aren't found are left out. */
export function extractSlots(text: string, intent: Prediction, ctx: SlotContext): Slots {
  const { fixed: input, original } = fixTyposKeepingOriginal(clip(text), typeof text === 'string' ? text.trim() : '');
  const slots: Slots = {};
  const found = findTitle(input);
  if (found) slots.title = found.title;
  const rest = found ? input.replace(found.match, ' ') : input;

  const number = firstNumber(input);
  if (number !== undefined && Number.isFinite(number)) slots.number = number;

  switch (intent) {
    case 'task.add':
    case 'task.list': {
      const due = parseDue(rest, ctx);
      if (due) slots.due = due;
      if (intent === 'task.list') break;
      const duration = parseDuration(rest);
      if (duration) slots.durationMs = duration.ms;
      // The title is what's left once the command, the due time and the duration are gone.
      let body = due ? rest.replace(due.text, ' ') : rest;
      if (duration) body = body.replace(duration.text, ' ');
      const title = payload(body.replace(/\s+(?:in|by|at|on|due)\s*$/i, ''), TASK_ADD);
      // The user's own words (typos and all) become the task's title.
      slots.text = (title && original(title)) || slots.title;
      break;
    }
    case 'task.done':
      slots.text = payload(rest, TASK_DONE).replace(/^(?:the\s+)?task\s+|\s+task$/gi, '').trim() || slots.title;
      break;
    case 'note.add':
      // The note keeps exactly what was typed, however long.
      slots.text = original(payload(rest, NOTE_ADD)) || slots.title;
      break;
    case 'note.find':
      slots.text = payload(rest, NOTE_FIND).replace(/^(?:the|my|a|an)\s+/i, '') || slots.title;
      break;
    case 'memory.ask':
      slots.text = memoryQuery(rest);
      break;
    case 'timer.set': {
      const duration = parseDuration(rest);
      if (duration) slots.durationMs = duration.ms;
      const label = timerLabel(rest, slots.title);
      if (label) slots.text = label;
      break;
    }
    case 'quantum.run': {
      const qubits = findQubits(input);
      if (qubits) slots.qubits = qubits;
      const template = TEMPLATES.find(([re]) => re.test(input));
      if (template) slots.template = template[1];
      // "a bell pair" / "entangle two qubits into a bell pair": a Bell state is 2 qubits.
      break;
    }
    case 'sensor.status':
    case 'sensor.record.start':
    case 'sensor.record.stop': {
      const sensors = SENSORS.filter(([re]) => re.test(input)).map(([, name]) => name);
      if (sensors.length) slots.sensors = sensors;
      const rate = findRate(input);
      if (rate !== undefined && Number.isFinite(rate) && rate > 0) slots.rateHz = rate;
      break;
    }
    default:
      break;
  }
  if (slots.text === '') delete slots.text;
  return slots;
}
