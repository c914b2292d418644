// Scoring the router on a labelled set (SPEC §9 `npm run eval:intents`): accuracy and a
// confusion table {gold: {predicted: count}}. Shared by the eval script and the unit tests.
import { isIntent, type Intent, type Prediction } from './intents.ts';
import type { Router } from './router.ts';

export interface Labelled {
  text: string;
  intent: Intent;
}

export interface IntentScore {
  accuracy: number;
  n: number;
  confusion: Record<string, Record<string, number>>;
}

/** Parses JSONL; throws `line N: …` for the first bad line (blank lines are skipped). */
export function parseLabelled(jsonl: string): Labelled[] {
  const rows: Labelled[] = [];
  jsonl.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new Error(`line ${i + 1}: not valid JSON`);
    }
    const { text, intent } = (row ?? {}) as { text?: unknown; intent?: unknown };
    if (typeof text !== 'string') throw new Error(`line ${i + 1}: "text" must be a string`);
    if (typeof intent !== 'string' || !isIntent(intent)) {
      throw new Error(`line ${i + 1}: "intent" must be one of the known intents, got ${JSON.stringify(intent)}`);
    }
    rows.push({ text, intent });
  });
  if (rows.length === 0) throw new Error('no labelled lines');
  return rows;
}

/** Routes every row (fixed clock, UTC) and tallies the results. */
export async function scoreRouter(rows: Labelled[], router: Router): Promise<IntentScore & { predictions: Prediction[] }> {
  const ctx = { now: new Date('2026-03-07T12:00:00Z'), timeZone: 'UTC' };
  const confusion: IntentScore['confusion'] = {};
  const predictions: Prediction[] = [];
  let correct = 0;
  for (const row of rows) {
    const { intent } = await router.route(row.text, ctx);
    predictions.push(intent);
    if (intent === row.intent) correct++;
    confusion[row.intent] ??= {};
    confusion[row.intent][intent] = (confusion[row.intent][intent] ?? 0) + 1;
  }
  return { accuracy: correct / rows.length, n: rows.length, confusion, predictions };
}
