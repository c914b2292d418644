// @vitest-environment node
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { needsBuild } from '../../scripts/start.ts';
import { makeTempDir } from './helpers.ts';

describe('needsBuild', () => {
  let root: Awaited<ReturnType<typeof makeTempDir>>;
  const past = new Date('2020-01-01T00:00:00Z');
  const build = new Date('2021-01-01T00:00:00Z');
  const later = new Date('2022-01-01T00:00:00Z');

  async function touch(path: string, time: Date, content = ''): Promise<void> {
    await writeFile(join(root.path, path), content);
    await utimes(join(root.path, path), time, time);
  }

  beforeEach(async () => {
    root = await makeTempDir('jarvis-root-');
    await mkdir(join(root.path, 'src/app'), { recursive: true });
    await mkdir(join(root.path, 'dist'));
    await touch('package.json', past, '{}');
    await touch('src/app/App.svelte', past);
    await utimes(join(root.path, 'src/app'), past, past);
    await utimes(join(root.path, 'src'), past, past);
  });
  afterEach(() => root?.remove());

  it('builds when there is no build', () => {
    expect(needsBuild(root.path)).toBe(true);
  });

  it('does not build when the build is newer than every source', async () => {
    await touch('dist/index.html', build);
    expect(needsBuild(root.path)).toBe(false);
  });

  it('builds when a nested source file is newer', async () => {
    await touch('dist/index.html', build);
    await touch('src/app/App.svelte', later);
    expect(needsBuild(root.path)).toBe(true);
  });

  it('builds when a listed top-level file is newer', async () => {
    await touch('dist/index.html', build);
    await touch('vite.config.ts', later);
    expect(needsBuild(root.path)).toBe(true);
  });

  it('ignores files that are not build inputs', async () => {
    await touch('dist/index.html', build);
    await touch('README.md', later);
    expect(needsBuild(root.path)).toBe(false);
  });
});
