// The qsim CLI (scripts/qsim.ts) as SPEC §9 describes it, run as a child process:
// `node --import tsx scripts/qsim.ts FILE --json [--shots N] [--seed S]`.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const QASMBENCH = fileURLToPath(new URL('../../../../shared/qasm/qasmbench-small/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'qsim-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function qsim(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/qsim.ts', ...args], { cwd: ROOT, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

let files = 0;
/** Writes an OpenQASM 2 program (header added) to a temporary file; returns its path. */
function qasm(...body: string[]): string {
  const path = join(dir, `circuit${files++}.qasm`);
  writeFileSync(path, ['OPENQASM 2.0;', 'include "qelib1.inc";', ...body, ''].join('\n'));
  return path;
}

/** The one JSON object on stdout, after checking the run succeeded and printed only that. */
function json(run: Run): Record<string, unknown> {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout.endsWith('\n')).toBe(true);
  expect(run.stdout.trim().split('\n')).toHaveLength(1);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

describe.concurrent('qsim CLI (SPEC §9)', () => {
  for (const [name, line] of [
    ['vqe_uccsd_n4.qasm', 225],
    ['vqe_uccsd_n6.qasm', 2286],
    ['vqe_uccsd_n8.qasm', 10813],
    ['hhl_n10.qasm', 186801],
  ] as const) {
    it(`malformed ${name}: stderr is exactly FILE:${line}: message, exit 2`, async () => {
      const file = QASMBENCH + name;
      const run = await qsim(file, '--json');
      expect(run).toEqual({ code: 2, stdout: '', stderr: `${file}:${line}: undeclared register 'q'\n` });
    });
  }

  it('a bad statement in the middle: the first bad line, 1-based, counting comments and blank lines', async () => {
    // Lines 1–2 are the header; line 7 uses a qubit out of range, line 8 an unknown gate.
    const file = qasm('// a comment', '', 'qreg q[2];', 'h q[0];', 'cx q[0], q[2];', 'foo q[1];');
    const run = await qsim(file, '--json');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.startsWith(`${file}:7: `)).toBe(true);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--json for n ≤ 16: {"qubits", "probabilities"} with 2^n entries in Qiskit order', async () => {
    const result = json(await qsim(qasm('qreg q[3];', 'x q[0];', 'h q[2];'), '--json'));
    expect(Object.keys(result).sort()).toEqual(['probabilities', 'qubits']);
    expect(result.qubits).toBe(3);
    const p = result.probabilities as number[];
    expect(p).toHaveLength(8);
    // q0 = 1 always (bit 0), q2 = 0 or 1 (bit 2): indices 1 and 5.
    p.forEach((value, i) => expect(value, `p[${i}]`).toBeCloseTo(i === 1 || i === 5 ? 0.5 : 0, 12));
  });

  it('n = 16 still prints every probability; n = 17 prints "top"', async () => {
    const sixteen = json(await qsim(qasm('qreg q[16];', 'x q[15];'), '--json'));
    expect(sixteen.qubits).toBe(16);
    const p = sixteen.probabilities as number[];
    expect(p).toHaveLength(65536);
    expect(p[32768]).toBeCloseTo(1, 12);
    const seventeen = json(await qsim(qasm('qreg q[17];', 'x q[16];'), '--json'));
    expect(seventeen).toEqual({ qubits: 17, top: [[65536, expect.closeTo(1, 12)]] });
  });

  it('"top" for n > 16: the 64 largest p > 0, p descending, ties by index', async () => {
    // 18 qubits: q17 set; q2..q6 uniform (32 ways); q0 and q1 biased: P(q0 = 1) = 0.2, P(q1 = 1) = 0.3.
    // Levels of p·32: (q0, q1) = (0,0) .56, (0,1) .24, (1,0) .14, (1,1) .06 — 128 outcomes in all.
    const ry = (p1: number) => 2 * Math.asin(Math.sqrt(p1));
    const file = qasm('qreg q[18];', 'x q[17];', `ry(${ry(0.2)}) q[0];`, `ry(${ry(0.3)}) q[1];`, ...[2, 3, 4, 5, 6].map((q) => `h q[${q}];`));
    const result = json(await qsim(file, '--json'));
    expect(Object.keys(result).sort()).toEqual(['qubits', 'top']);
    const top = result.top as [number, number][];
    const all: [number, number][] = [];
    for (let middle = 0; middle < 32; middle++) {
      for (const [low, p] of [[0, 0.56], [2, 0.24], [1, 0.14], [3, 0.06]] as const) all.push([2 ** 17 + middle * 4 + low, p / 32]);
    }
    const expected = all.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 64);
    expect(top.map(([i]) => i)).toEqual(expected.map(([i]) => i));
    top.forEach(([, p], k) => expect(p).toBeCloseTo(expected[k][1], 12));
    for (let k = 1; k < top.length; k++) {
      expect(top[k][1] <= top[k - 1][1], `sorted by p at ${k}`).toBe(true);
      if (top[k][1] === top[k - 1][1]) expect(top[k][0]).toBeGreaterThan(top[k - 1][0]);
    }
  });

  it('"top" leaves out p = 0: fewer than 64 entries when fewer outcomes are possible', async () => {
    const result = json(await qsim(qasm('qreg q[20];', 'h q[3];', 'h q[19];'), '--json'));
    expect(result.top).toEqual([
      [0, expect.closeTo(0.25, 12)],
      [8, expect.closeTo(0.25, 12)],
      [524288, expect.closeTo(0.25, 12)],
      [524296, expect.closeTo(0.25, 12)],
    ]);
  });

  it('"counts" keys are decimal indices with zeros left out; over all qubits when nothing is measured', async () => {
    const result = json(await qsim(qasm('qreg q[5];', 'x q[4];', 'h q[0];'), '--json', '--shots', '1000', '--seed', '3'));
    expect(Object.keys(result).sort()).toEqual(['counts', 'probabilities', 'qubits']);
    const counts = result.counts as Record<string, number>;
    expect(Object.keys(counts).sort()).toEqual(['16', '17']);
    expect(counts['16'] + counts['17']).toBe(1000);
    expect(Math.min(...Object.values(counts))).toBeGreaterThan(400);
  });

  it('creg bits are laid end to end in declaration order', async () => {
    // a = clbit 0, b = clbits 1–2. q = |101⟩ (q0 = q2 = 1): a[0] ← q2 = 1, b[0] ← q1 = 0, b[1] ← q0 = 1 → 1 + 4 = 5.
    const file = qasm('qreg q[3];', 'creg a[1];', 'creg b[2];', 'x q[0];', 'x q[2];', 'measure q[0] -> b[1];', 'measure q[2] -> a[0];', 'measure q[1] -> b[0];');
    expect(json(await qsim(file, '--json', '--shots', '50')).counts).toEqual({ 5: 50 });
    // Only the second register written (clbits 2–3); the first stays 0. b[0] ← q1 (0 or 1), b[1] ← q0 = 1.
    const second = qasm('qreg q[2];', 'creg a[2];', 'creg b[2];', 'h q[1];', 'x q[0];', 'measure q[1] -> b[0];', 'measure q[0] -> b[1];');
    const counts = json(await qsim(second, '--json', '--shots', '400', '--seed', '11')).counts as Record<string, number>;
    // Key = 4·b[0] + 8·b[1] = 8 or 12.
    expect(Object.keys(counts).sort()).toEqual(['12', '8']);
  });

  it('several qregs are laid end to end: the first register\'s [0] is qubit 0', async () => {
    const result = json(await qsim(qasm('qreg a[2];', 'qreg b[3];', 'x b[0];', 'x a[1];'), '--json'));
    const p = result.probabilities as number[];
    expect(p).toHaveLength(32);
    expect(p.findIndex((value) => value > 0.5)).toBe(4 + 2); // b[0] = qubit 2, a[1] = qubit 1
  });

  it('--seed makes counts repeatable; another seed gives other counts', async () => {
    const file = qasm('qreg q[4];', 'creg c[4];', 'h q;', 'measure q -> c;');
    const [first, again, other] = await Promise.all([
      qsim(file, '--json', '--shots', '2000', '--seed', '42'),
      qsim(file, '--json', '--shots', '2000', '--seed', '42'),
      qsim(file, '--json', '--shots', '2000', '--seed', '43'),
    ]);
    expect(json(again)).toEqual(json(first));
    expect(json(other).counts).not.toEqual(json(first).counts);
  });

  it('flags in any order (and --flag=value) give the same output', async () => {
    const file = qasm('qreg q[3];', 'creg c[3];', 'h q[0];', 'cx q[0], q[1];', 'ry(0.3) q[2];', 'measure q -> c;');
    const runs = await Promise.all([
      qsim(file, '--json', '--shots', '300', '--seed', '9'),
      qsim('--shots', '300', '--seed', '9', file, '--json'),
      qsim('--json', '--seed=9', file, '--shots=300'),
    ]);
    const [first, ...rest] = runs.map(json);
    for (const other of rest) expect(other).toEqual(first);
    expect(Object.values(first.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(300);
  });

  it('a trajectory circuit: without --shots exit 2 saying --shots is needed; with it {"qubits", "counts"} only', async () => {
    const file = qasm('qreg q[2];', 'creg c[2];', 'h q[0];', 'measure q[0] -> c[0];', 'if (c == 1) x q[1];', 'measure q[1] -> c[1];');
    const without = await qsim(file, '--json');
    expect(without.code).toBe(2);
    expect(without.stdout).toBe('');
    expect(without.stderr).toMatch(/--shots/);
    expect(without.stderr.startsWith(`${file}:7: `)).toBe(true); // the `if`
    const result = json(await qsim(file, '--json', '--shots', '1000', '--seed', '5'));
    expect(Object.keys(result).sort()).toEqual(['counts', 'qubits']);
    // c[1] copies c[0]: only 0 and 3.
    expect(Object.keys(result.counts as object).sort()).toEqual(['0', '3']);
  });

  it('a state too large for memory (40 qubits) exits 2 naming the bytes it needs', async () => {
    const file = qasm('qreg q[40];', 'h q[0];');
    const run = await qsim(file, '--json');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.replaceAll(',', '')).toContain(String(16 * 2 ** 40)); // 17,592,186,044,416
    expect(run.stderr).toMatch(/bytes/);
  });

  it('bad arguments and unreadable files exit 2 with a message', async () => {
    const missing = await qsim(join(dir, 'nope.qasm'), '--json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.qasm');
    for (const args of [['--shots', '0'], ['--shots', 'x'], ['--seed', '-1'], ['--frobnicate']]) {
      const run = await qsim(qasm('qreg q[1];'), '--json', ...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.length).toBeGreaterThan(0);
    }
  });
});
