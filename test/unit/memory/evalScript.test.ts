import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = join(root, 'test/fixtures/memory-eval');

function run(...args: string[]) {
  const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
  return spawnSync(process.execPath, [tsx, 'scripts/eval-memory.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
}

describe('eval:memory script', () => {
  it('prints only the SPEC JSON with --json (flags in any order)', () => {
    const result = run('--json', join(fixtures, 'notes.json'), '--method', 'hybrid', join(fixtures, 'queries.json'));
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(Object.keys(out).sort()).toEqual(['by_type', 'n', 'recall_at_1', 'recall_at_3']);
    expect(out.n).toBe(80);
    expect(out.by_type.paraphrase).toEqual({ recall_at_1: expect.any(Number), recall_at_3: expect.any(Number), n: 40 });
    expect(out.by_type.keyword.n).toBe(40);
    expect(out.recall_at_1).toBeGreaterThan(0.8125); // above the model alone
  });

  it('accepts a list of relevant ids', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-memory-'));
    writeFileSync(join(dir, 'n.json'), JSON.stringify([{ id: 'a', text: 'WiFi password is hunter2' }, { id: 'b', text: 'Parking: level B2' }]));
    writeFileSync(join(dir, 'q.json'), JSON.stringify([{ query: 'wifi', relevant: ['x', 'a'], type: 'keyword' }]));
    const out = JSON.parse(run(join(dir, 'n.json'), join(dir, 'q.json'), '--json', '--method=bm25').stdout);
    expect(out).toEqual({ recall_at_1: 1, recall_at_3: 1, n: 1, by_type: { keyword: { recall_at_1: 1, recall_at_3: 1, n: 1 } } });
  });

  it('exits 2 with a message on a missing or malformed file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-memory-'));
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    for (const args of [[join(dir, 'missing.json'), join(fixtures, 'queries.json')], [join(fixtures, 'notes.json'), join(dir, 'bad.json')], [join(fixtures, 'notes.json')]]) {
      const result = run(...args, '--json');
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/usage: npm run eval:memory/);
    }
  });
});
