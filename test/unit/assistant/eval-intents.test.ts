// `npm run eval:intents` as SPEC §9 describes it, run as a child process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INTENTS } from '../../../workers/assistant/intents.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const run = (...args: string[]) =>
  spawnSync('npx', ['tsx', 'scripts/eval-intents.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

describe('eval:intents', () => {
  it('prints one JSON object with accuracy, n and confusion (rules only)', () => {
    const result = run('test/fixtures/intents.jsonl', '--json', '--rules-only');
    expect(result.status).toBe(0);
    const score = JSON.parse(result.stdout);
    expect(Object.keys(score).sort()).toEqual(['accuracy', 'confusion', 'n']);
    expect(score.n).toBeGreaterThanOrEqual(170);
    expect(score.accuracy).toBeGreaterThanOrEqual(0.9);
    for (const [gold, row] of Object.entries(score.confusion)) {
      expect(INTENTS as readonly string[]).toContain(gold);
      for (const predicted of Object.keys(row as object)) expect([...INTENTS, 'unknown']).toContain(predicted);
    }
  });

  it('takes its flags in any order and uses the model without --rules-only', () => {
    const result = run('--json', 'test/fixtures/intents-extra.jsonl');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).n).toBe(45);
  });

  it('prints a table without --json', () => {
    const result = run('test/fixtures/intents-extra.jsonl', '--rules-only');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/accuracy \d+(\.\d)?% \(n = 45\)/);
  });

  it('exits 2 naming the line of a malformed file', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'intents-')), 'bad.jsonl');
    writeFileSync(file, '{"text": "help", "intent": "help"}\n{"text": "oops"\n');
    const result = run(file, '--json', '--rules-only');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/line 2/);
  });

  it('exits 2 for an unknown intent label or a missing file', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'intents-')), 'bad.jsonl');
    writeFileSync(file, '{"text": "hello", "intent": "greet"}\n');
    expect(run(file, '--json', '--rules-only').stderr).toMatch(/line 1/);
    expect(run('no/such/file.jsonl', '--json').status).toBe(2);
  });
});
