// npm run eval:intents -- FILE.jsonl [--json] [--rules-only]
// Scores the assistant's intent router on a labelled file (SPEC §9). stdout carries only the
// result (one JSON object with --json, else a table); logs go to stderr. Exit 2: bad input.
import { readFileSync } from 'node:fs';
import { parseLabelled, scoreRouter, type IntentScore } from '../workers/assistant/evaluate.ts';
import { createRouter } from '../workers/assistant/router.ts';
import { createNodeEmbedder } from './lib/nodeEmbedder.ts';

function fail(message: string): never {
  console.error(`eval:intents: ${message}`);
  process.exit(2);
}

function table(score: IntentScore): string {
  const lines = [`accuracy ${(score.accuracy * 100).toFixed(1)}% (n = ${score.n})`, '', 'gold intent           correct / total   mistaken for'];
  for (const [gold, row] of Object.entries(score.confusion).sort()) {
    const total = Object.values(row).reduce((a, b) => a + b, 0);
    const wrong = Object.entries(row).filter(([p]) => p !== gold).map(([p, c]) => `${p} ×${c}`).join(', ');
    lines.push(`${gold.padEnd(22)}${String(row[gold] ?? 0).padStart(7)} / ${String(total).padEnd(8)}${wrong}`);
  }
  return lines.join('\n');
}

async function main() {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const rulesOnly = args.includes('--rules-only');
  const unknownFlag = args.find((a) => a.startsWith('--') && a !== '--json' && a !== '--rules-only');
  if (unknownFlag) fail(`unknown option ${unknownFlag}`);
  const files = args.filter((a) => !a.startsWith('--'));
  if (files.length !== 1) fail('usage: eval:intents FILE.jsonl [--json] [--rules-only]');

  let text: string;
  try {
    text = readFileSync(files[0], 'utf8');
  } catch (error) {
    fail(`cannot read ${files[0]}: ${(error as Error).message}`);
  }
  let rows;
  try {
    rows = parseLabelled(text);
  } catch (error) {
    fail(`${files[0]}: ${(error as Error).message}`);
  }

  console.error(rulesOnly ? 'router: keyword rules only' : 'router: rules + jarvis/static-embed-en');
  const router = createRouter(rulesOnly ? undefined : await createNodeEmbedder());
  const { accuracy, n, confusion } = await scoreRouter(rows, router);
  const score = { accuracy, n, confusion };
  process.stdout.write(json ? `${JSON.stringify(score)}\n` : `${table(score)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
