// Word error rate: how far a transcript is from what was said, in words (substitutions,
// deletions and insertions over the number of reference words), after normalising both
// (lowercase, punctuation stripped). Used by the voice tests and the benchmark.

/** Lowercase words without punctuation ("Turn on the light." → ['turn', 'on', 'the', 'light']). */
export function normalizeWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

/** Word-level Levenshtein distance. */
export function wordEdits(reference: readonly string[], hypothesis: readonly string[]): number {
  let previous = Array.from({ length: hypothesis.length + 1 }, (_, j) => j);
  for (let i = 1; i <= reference.length; i++) {
    const current = [i];
    for (let j = 1; j <= hypothesis.length; j++) {
      const substitution = previous[j - 1] + (reference[i - 1] === hypothesis[j - 1] ? 0 : 1);
      current[j] = Math.min(substitution, previous[j] + 1, current[j - 1] + 1);
    }
    previous = current;
  }
  return previous[hypothesis.length];
}

export interface WerResult {
  /** Edits over reference words (0 = perfect; may exceed 1 with many insertions). */
  wer: number;
  edits: number;
  words: number;
}

/** WER of one transcript, or of several pooled (total edits over total reference words). */
export function wordErrorRate(pairs: readonly { reference: string; hypothesis: string }[]): WerResult {
  let edits = 0;
  let words = 0;
  for (const { reference, hypothesis } of pairs) {
    const ref = normalizeWords(reference);
    edits += wordEdits(ref, normalizeWords(hypothesis));
    words += ref.length;
  }
  return { wer: words ? edits / words : edits ? Infinity : 0, edits, words };
}
