// Every npm package the app's code imports (src/, workers/) is listed in About with the
// licence its package.json declares, so no dependency ships without its notice.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIBRARIES, WAKE_WORD_NOTICE, WORDNET_NOTICE } from '../../src/features/system/notices.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

function importedPackages(): Set<string> {
  const packages = new Set<string>();
  for (const file of [...sourceFiles('src'), ...sourceFiles('workers')]) {
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^'.][^']*)'/g)) {
      if (specifier!.startsWith('node:') || specifier!.startsWith('virtual:')) continue;
      const parts = specifier!.split('/');
      packages.add(specifier!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!);
    }
  }
  return packages;
}

describe('About: licences', () => {
  it('lists every imported package with its declared licence', () => {
    const listed = new Map(LIBRARIES.map((l) => [l.name, l.licence]));
    const imported = importedPackages();
    expect(imported.size).toBeGreaterThan(10);
    for (const name of imported) {
      const declared = (JSON.parse(readFileSync(join('node_modules', name, 'package.json'), 'utf8')) as { license?: string }).license;
      expect(listed.get(name), `${name} is imported but not listed in src/features/system/notices.ts`).toBe(declared);
    }
    for (const name of listed.keys()) expect(imported.has(name), `${name} is listed but no longer imported`).toBe(true);
  });

  it('carries the WordNet notice in full and states the wake-word models are non-commercial', () => {
    expect(WORDNET_NOTICE[0]).toBe('WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.');
    expect(WORDNET_NOTICE.join(' ')).toMatch(/LICENSEE agrees to preserve same\.$/);
    expect(WAKE_WORD_NOTICE).toMatch(/CC BY-NC-SA 4\.0/);
  });
});
