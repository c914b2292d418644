import { describe, expect, it } from 'vitest';
import { normalizeWords, wordEdits, wordErrorRate } from '../../../src/features/voice/wer.ts';

describe('word error rate', () => {
  it('normalises case and punctuation', () => {
    expect(normalizeWords('  Turn on the kitchen light. ')).toEqual(['turn', 'on', 'the', 'kitchen', 'light']);
    expect(normalizeWords("What's the time, Jarvis?!")).toEqual(['whats', 'the', 'time', 'jarvis']);
    expect(normalizeWords('…')).toEqual([]);
  });

  it('counts substitutions, deletions and insertions', () => {
    expect(wordEdits(['a', 'b', 'c'], ['a', 'b', 'c'])).toBe(0);
    expect(wordEdits(['a', 'b', 'c'], ['a', 'x', 'c'])).toBe(1);
    expect(wordEdits(['a', 'b', 'c'], ['a', 'c'])).toBe(1);
    expect(wordEdits(['a', 'b', 'c'], ['a', 'b', 'c', 'd'])).toBe(1);
    expect(wordEdits(['a', 'b'], [])).toBe(2);
    expect(wordEdits([], ['a'])).toBe(1);
    expect(wordEdits(['kitten', 'sat', 'on', 'mat'], ['sitting', 'on', 'the', 'mat'])).toBe(3);
  });

  it('pools several transcripts over all reference words', () => {
    const result = wordErrorRate([
      { reference: 'Turn on the kitchen lights', hypothesis: 'Turn on the kitchen light.' },
      { reference: 'what time is it', hypothesis: 'What time is it?' },
    ]);
    expect(result).toEqual({ wer: 1 / 9, edits: 1, words: 9 });
    expect(wordErrorRate([]).wer).toBe(0);
  });
});
