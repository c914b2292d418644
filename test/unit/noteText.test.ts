// Large text changes (a paste) go in as one splice; small ones through updateText's
// character diff. Both give exactly the text typed, emoji included.
import { describe, expect, it } from 'vitest';
import { changedRegion } from '../../workers/data/notesStore.ts';
import { devicesClosedAfterEach } from './helpers.ts';

const device = devicesClosedAfterEach();

function apply(old: string, region: ReturnType<typeof changedRegion>): string {
  return old.slice(0, region.start) + region.inserted + old.slice(region.start + region.deleted);
}

describe('changedRegion', () => {
  const cases: [string, string][] = [
    ['', 'abc'],
    ['abc', ''],
    ['hello world', 'hello brave world'],
    ['aaaa', 'aaaaa'],
    ['abcabc', 'abc'],
    ['x😀y', 'x😁y'], // same high surrogate, different low one
    ['😀', '😀😀'],
    ['a😀b', 'ab'],
  ];
  for (const [old, next] of cases) {
    it(`${JSON.stringify(old)} → ${JSON.stringify(next)}`, () => {
      const region = changedRegion(old, next);
      expect(apply(old, region)).toBe(next);
      // Never cuts a surrogate pair in half.
      expect(region.inserted).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
    });
  }
});

describe('large edits', () => {
  it('a 200,000-character paste and a cut are saved exactly', async () => {
    const { service, store } = await device();
    const body = async (id: string) => (await store.handle(id)).doc().body;
    const id = await service.createNote({ title: 'Big', body: 'start\nend' });
    const pasted = `start\n${'lorem ipsum 😀 '.repeat(13_000)}\nend`;
    await service.updateNote(id, { body: pasted });
    expect(await body(id)).toBe(pasted);
    await service.updateNote(id, { body: 'start\nend' });
    expect(await body(id)).toBe('start\nend');
  });
});
