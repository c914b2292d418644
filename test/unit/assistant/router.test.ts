import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Embed } from '../../../workers/inference/embed.ts';
import { parseLabelled, scoreRouter } from '../../../workers/assistant/evaluate.ts';
import { classifyByRules } from '../../../workers/assistant/rules.ts';
import { createRouter } from '../../../workers/assistant/router.ts';
import { createNodeEmbedder } from '../../../scripts/lib/nodeEmbedder.ts';

const fixture = (name: string) =>
  parseLabelled(readFileSync(path.resolve(import.meta.dirname, '../../fixtures', name), 'utf8'));
const ctx = { now: new Date('2026-03-07T12:00:00Z'), timeZone: 'America/New_York' };

let embed: Embed;
beforeAll(async () => {
  embed = await createNodeEmbedder();
});

describe('keyword rules', () => {
  it.each([
    ['remind me to call mom tomorrow at 5pm', 'task.add'],
    ['set a timer for 5 minutes', 'timer.set'],
    ['count down 2 minutes', 'timer.set'],
    ['find my notes about taxes', 'note.find'],
    ['show my notes about quantum', 'note.find'],
    ['what was the wifi password', 'memory.ask'],
    ['make a 3-qubit GHZ state', 'quantum.run'],
    ['start recording motion at 20 hz', 'sensor.record.start'],
    ['stop recording', 'sensor.record.stop'],
    ['remnd me to buy milk', 'task.add'], // typo
    ['add note buy milk', 'note.add'], // dropped article
  ])('%s → %s', (text, intent) => {
    expect(classifyByRules(text).intent).toBe(intent);
  });
});

describe('router accuracy on the labelled set', () => {
  it('rules alone reach 90 %, and the embedding model does not lower it', async () => {
    for (const file of ['intents.jsonl', 'intents-extra.jsonl']) {
      const rows = fixture(file);
      const rulesOnly = await scoreRouter(rows, createRouter());
      const withModel = await scoreRouter(rows, createRouter(embed));
      expect(rulesOnly.accuracy, file).toBeGreaterThanOrEqual(0.9);
      expect(withModel.accuracy, file).toBeGreaterThanOrEqual(rulesOnly.accuracy);
    }
  });

  it('the model helps on the untuned held-out set', async () => {
    const rows = fixture('intents-heldout.jsonl');
    const rulesOnly = await scoreRouter(rows, createRouter());
    const withModel = await scoreRouter(rows, createRouter(embed));
    expect(withModel.accuracy).toBeGreaterThanOrEqual(rulesOnly.accuracy);
  });
});

describe('router behaviour', () => {
  it('routes with slots, and says which part decided', async () => {
    const routed = await createRouter(embed).route('remind me to call mom tomorrow at 5pm', ctx);
    expect(routed.intent).toBe('task.add');
    expect(['rules', 'both']).toContain(routed.via);
    expect(routed.confidence).toBeGreaterThan(0.8);
    expect(routed.slots.text).toBe('call mom');
  });

  it('uses the embedding for phrasings the rules miss', async () => {
    const routed = await createRouter(embed).route('jot something for me', ctx);
    expect(routed).toMatchObject({ intent: 'note.add', via: 'embedding' });
  });

  it('embeds the example phrases once', async () => {
    const spy = vi.fn(embed);
    const router = createRouter(spy);
    await router.route('alarm in ten minutes', ctx);
    await router.route('jot something for me', ctx);
    const exampleCalls = spy.mock.calls.filter(([texts]) => texts.length > 1);
    expect(exampleCalls).toHaveLength(1);
  });

  it('falls back to the rules when the model fails', async () => {
    const broken: Embed = () => Promise.reject(new Error('model missing'));
    const routed = await createRouter(broken).route('set a timer for 5 minutes', ctx);
    expect(routed).toMatchObject({ intent: 'timer.set', via: 'rules' });
  });

  it('does not call the model for empty input', async () => {
    const spy = vi.fn(embed);
    const routed = await createRouter(spy).route('   ', ctx);
    expect(routed.intent).toBe('unknown');
    expect(spy).not.toHaveBeenCalled();
  });

  const badInputs = [
    ['empty', ''],
    ['10,000 characters', 'remind me '.repeat(1000)],
    ['10,000 letters', 'x'.repeat(10_000)],
    ['emoji only', '🙂🙂🙂'],
    ['right to left', 'מה השעה'],
    ['script tag', '<script>alert(1)</script>'],
    ['gibberish', 'asdf qwer zxcv'],
    ['not a string', undefined as unknown as string],
  ];
  it.each(badInputs)('%s input gets a sane answer, with and without the model', async (_, text) => {
    for (const router of [createRouter(), createRouter(embed)]) {
      const routed = await router.route(text, ctx);
      expect(typeof routed.intent).toBe('string');
      expect(routed.confidence).toBeGreaterThanOrEqual(0);
      expect(routed.confidence).toBeLessThanOrEqual(1);
      expect(routed.slots).toBeTypeOf('object');
    }
  });

  it('answers unknown for emoji, RTL, script tags and gibberish', async () => {
    const router = createRouter(embed);
    for (const text of ['', '🙂🙂🙂', 'מה השעה', '<script>alert(1)</script>', 'asdf qwer zxcv']) {
      expect((await router.route(text, ctx)).intent, text).toBe('unknown');
    }
  });

  it('survives a bad time zone', async () => {
    const routed = await createRouter().route('remind me to stretch tomorrow at 9am', { now: ctx.now, timeZone: 'Mars/Olympus' });
    expect(routed.intent).toBe('task.add');
    expect(routed.slots.due?.timeZone).toBe('UTC');
  });
});
