import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../../workers/memory/bm25.ts';
import { splitPassages, splitSentences } from '../../../workers/memory/sentences.ts';
import { stem, terms } from '../../../workers/memory/tokenize.ts';

function scores(index: Bm25Index, query: string, n: number): number[] {
  return Array.from(index.score(terms(query), new Float32Array(n)));
}

describe('tokenize', () => {
  it('drops stopwords, folds case and accents, stems light suffixes', () => {
    expect(terms('What was the WiFi password?')).toEqual(['wifi', 'password']);
    expect(terms('Café naïve')).toEqual(terms('cafe naive'));
    expect(stem('leaking')).toBe(stem('leak'));
    expect(stem('renews')).toBe(stem('renew'));
    expect(stem('running')).toBe(stem('run'));
    expect(stem('cities')).toBe('city');
  });

  it('keeps words of any script and ignores emoji and markup characters', () => {
    expect(terms('مرحبا بالعالم 😀')).toEqual(['مرحبا', 'بالعالم']);
    expect(terms('<script>alert(1)</script>')).toEqual(['script', 'alert', '1', 'script']);
    expect(terms('')).toEqual([]);
  });
});

describe('Bm25Index', () => {
  const index = new Bm25Index();
  const docs = ['WiFi password is hunter2', 'The password for the gym locker', 'Parking: level B2, spot 14', 'the the the of a'];
  docs.forEach((text, slot) => index.set(slot, text));

  it('scores only documents sharing a content word; stopwords never match', () => {
    const s = scores(index, 'the wifi password', docs.length);
    expect(s[0]).toBeGreaterThan(s[1]);
    expect(s[1]).toBeGreaterThan(0);
    expect(s[2]).toBe(0);
    expect(s[3]).toBe(0);
  });

  it('weights rarer terms higher', () => {
    expect(index.idf('wifi')).toBeGreaterThan(index.idf('password'));
  });

  it('re-indexes and deletes a slot', () => {
    const local = new Bm25Index();
    local.set(0, 'tomato plants');
    local.set(1, 'tomato sauce');
    local.set(0, 'water the garden');
    expect(scores(local, 'tomato', 2)).toEqual([0, expect.any(Number)]);
    local.delete(1);
    expect(local.size).toBe(1);
    expect(scores(local, 'tomato', 2)).toEqual([0, 0]);
    expect(local.has('tomato')).toBe(false);
  });
});

describe('sentences', () => {
  it('splits lines and sentences, drops bullets', () => {
    expect(splitSentences('Trip notes\n- Flight at 9. Hotel near the river!\n\n* Taxi booked')).toEqual(['Trip notes', 'Flight at 9.', 'Hotel near the river!', 'Taxi booked']);
  });

  it('splits "Label: value" into passages but keeps times whole', () => {
    const p = splitPassages('note: the wifi password is hunter2\nPickup at 3:15');
    expect(p.passages).toEqual(['note', 'the wifi password is hunter2', 'Pickup at 3:15']);
    expect(p.sentenceOf).toEqual([0, 0, 1]);
    expect(splitPassages('WiFi password is hunter2').passages).toEqual([]);
  });
});
