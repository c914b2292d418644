// The one word tokenizer for memory search: BM25, matched-term highlighting and sentence
// picking all see the same terms. Lowercase, accents folded, split on anything that is not a
// letter or digit (any script), English stopwords dropped, and a light suffix stemmer so
// "leaking"/"leak" and "renews"/"renew" meet. Light on purpose: a full Porter stemmer
// conflates too much for short personal notes, and this stays predictable to explain.

/** Function words: they carry no topic, and in BM25 their accidental overlaps swamp the
 *  small cosine gaps (the model README's 0.5/0.5 hybrid lost paraphrase R@1 this way). */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can cannot could did do does doing done down during each few for from further get got had has have having he her here ' +
    'hers herself him himself his how i if in into is it its itself just let me more most my myself no nor not now of off ' +
    'on once only or other ought our ours ourselves out over own same she should so some such than that the their theirs ' +
    'them themselves then there these they this those through to too under until up upon us very was we were what when where ' +
    'which while who whom why will with would you your yours yourself yourselves s t d ll m re ve'
  ).split(' '),
);

/** Lowercase words and numbers, accents folded; apostrophe suffixes ("sarah's", "i'm") kept apart. */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** Light English suffix stripping: plural -s/-es/-ies, -ing, -ed, then a final -e, so that
 *  inflections of one word share a stem. Short words and numbers are left alone. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (/(ss|sh|ch|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

/** "runn" → "run", "stopp" → "stop" (but "fill", "pass" keep their double letters). */
function undouble(w: string): string {
  return /([bdgmnprt])\1$/.test(w) ? w.slice(0, -1) : w;
}

/** Content terms of a text: words minus stopwords, stemmed. Duplicates kept (term frequency). */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const word of words(text)) if (!STOPWORDS.has(word)) out.push(stem(word));
  return out;
}
