// The hostile input corpus itself: at least 200 cases, each named and explained, in the five
// categories the other hostile tests run (qasm, backup, sync, markdown, assistant).
import { describe, expect, it } from 'vitest';
import { corpusFiles, loadCases } from './corpus.ts';

const EXPECTED_FILES = ['assistant.json', 'backup.json', 'markdown.json', 'qasm.json', 'sync.json'];

describe('hostile corpus', () => {
  it('has one file per category, each case with a unique name and a why', () => {
    expect(corpusFiles()).toEqual(EXPECTED_FILES);
    for (const file of EXPECTED_FILES) expect(loadCases(file).length, file).toBeGreaterThanOrEqual(20);
  });

  it('holds at least 200 cases', () => {
    const counts = Object.fromEntries(EXPECTED_FILES.map((file) => [file, loadCases(file).length]));
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(total, JSON.stringify(counts)).toBeGreaterThanOrEqual(200);
  });

  it('covers every sync surface', () => {
    const categories = new Set(loadCases('sync.json').map((c) => c.category));
    expect([...categories].sort()).toEqual(['adapter', 'envelope', 'framing', 'link', 'server']);
  });
});
