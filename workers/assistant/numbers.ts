// Numbers written as digits or as English words ("five", "twenty five", "first").

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
};

const UNIT_WORDS = Object.keys(UNITS).join('|');
const TEN_WORDS = Object.keys(TENS).join('|');

/** A regex source matching a number in words: "seven", "twenty five", "twenty-five". */
export const WORD_NUMBER = String.raw`(?:(?:${TEN_WORDS})(?:[\s-](?:${UNIT_WORDS}))?|${UNIT_WORDS})`;
/** A regex source matching one number in digits or words ("a"/"an" are not numbers here). */
export const NUMBER = String.raw`(?:\d+(?:\.\d+)?|${WORD_NUMBER})`;

/** The value of a string matched by NUMBER (also "a"/"an" → 1); NaN if it is none. */
export function parseNumber(words: string): number {
  const w = words.trim().toLowerCase();
  if (/^\d+(?:\.\d+)?$/.test(w)) return Number(w);
  if (w === 'a' || w === 'an') return 1;
  const [first, second] = w.split(/[\s-]+/);
  if (first in UNITS && second === undefined) return UNITS[first];
  if (first in TENS) return TENS[first] + (second && second in UNITS ? UNITS[second] : 0);
  if (first in ORDINALS && second === undefined) return ORDINALS[first];
  return NaN;
}

/** The first number in a text (digits, number words or ordinals up to "tenth"). */
export function firstNumber(text: string): number | undefined {
  // "every second" and "per second" are a time unit, not the ordinal.
  const ordinals = String.raw`(?<!(?:every|a|per|each|one|1)\s)(?:${Object.keys(ORDINALS).join('|')})`;
  const match = new RegExp(String.raw`\b(?:${NUMBER}|${ordinals})\b`, 'i').exec(text);
  return match ? parseNumber(match[0]) : undefined;
}
