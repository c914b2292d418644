// The hostile input corpus (test/fixtures/hostile/*.json): loading, and the few generators
// that keep huge inputs out of the repository. Each file is { "cases": [{ "name", "why", ... }] }.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

// A string path (the jsdom environment replaces the global URL, which fileURLToPath refuses).
export const CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/hostile/');

export interface HostileCase {
  /** Unique within its file: names the test. */
  name: string;
  /** What it attacks. */
  why: string;
  [key: string]: unknown;
}

/**
 * A string, or a generator for one: an array is concatenated, `{ "repeat": T, "times": n }`
 * repeats T n times, `{ "codes": [..] }` is String.fromCharCode(...codes) (lone surrogates, NUL…).
 */
export type TextSpec = string | TextSpec[] | { repeat: TextSpec; times: number } | { codes: number[] };

export function text(spec: TextSpec): string {
  if (typeof spec === 'string') return spec;
  if (Array.isArray(spec)) return spec.map(text).join('');
  if ('repeat' in spec) return text(spec.repeat).repeat(spec.times);
  return String.fromCharCode(...spec.codes);
}

/** The cases of one corpus file; checks every case has a name (unique) and a why. */
export function loadCases<T extends HostileCase = HostileCase>(file: string): T[] {
  const parsed = JSON.parse(readFileSync(CORPUS_DIR + file, 'utf8')) as { cases: T[] };
  const names = new Set<string>();
  for (const c of parsed.cases) {
    if (typeof c.name !== 'string' || !c.name || typeof c.why !== 'string' || !c.why) throw new Error(`${file}: a case lacks a name or a why: ${JSON.stringify(c).slice(0, 120)}`);
    if (names.has(c.name)) throw new Error(`${file}: case name "${c.name}" appears twice`);
    names.add(c.name);
  }
  return parsed.cases;
}

export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.json')).sort();
}

/** A message fit to show a user: non-empty, no "undefined", no "[object Object]", no stack frames. */
export function expectClearMessage(message: unknown): void {
  expect(typeof message).toBe('string');
  const m = message as string;
  expect(m.trim().length).toBeGreaterThan(0);
  expect(m).not.toMatch(/\bundefined\b/);
  expect(m).not.toContain('[object Object]');
  expect(m).not.toMatch(/\n\s+at .+[:(]/); // a stack trace
}

/** Runs `fn` and returns how long it took (ms). */
export async function timed<T>(fn: () => T | Promise<T>): Promise<{ value?: T; error?: unknown; ms: number }> {
  const start = performance.now();
  try {
    const value = await fn();
    return { value, ms: performance.now() - start };
  } catch (error) {
    return { error, ms: performance.now() - start };
  }
}
