// The embedding router's example phrases must not leak into the labelled sets, or the eval
// would measure recall of the examples rather than how the router generalises.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../workers/assistant/examples.ts';
import { INTENTS } from '../../../workers/assistant/intents.ts';
import { parseLabelled } from '../../../workers/assistant/evaluate.ts';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
const labelledFiles = readdirSync(fixtures).filter((f) => /^intents.*\.jsonl$/.test(f));
const squash = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

describe('intent examples and labelled sets', () => {
  it('has example phrases for every intent', () => {
    for (const intent of INTENTS) expect(EXAMPLES[intent].length, intent).toBeGreaterThanOrEqual(8);
  });

  it.each(labelledFiles)('%s shares no line with the examples', (file) => {
    const examples = new Set(Object.values(EXAMPLES).flat().map(squash));
    const rows = parseLabelled(readFileSync(path.join(fixtures, file), 'utf8'));
    const shared = rows.map((r) => squash(r.text)).filter((t) => examples.has(t));
    expect(shared).toEqual([]);
  });

  it('the main set has ≥ 170 utterances and ≥ 8 per intent', () => {
    const rows = parseLabelled(readFileSync(path.join(fixtures, 'intents.jsonl'), 'utf8'));
    expect(rows.length).toBeGreaterThanOrEqual(170);
    for (const intent of INTENTS) {
      expect(rows.filter((r) => r.intent === intent).length, intent).toBeGreaterThanOrEqual(8);
    }
  });
});
