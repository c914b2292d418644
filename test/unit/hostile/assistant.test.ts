// Hostile messages (test/fixtures/hostile/assistant.json) through respond(): the rules-only
// router (createRouter()), the real data service, memory index and quantum kernel, as in
// test/unit/assistant/skills.test.ts. Each gets a reply with clear text, no throw, quickly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { respond } from '../../../src/features/assistant/respond.ts';
import { replyAsText } from '../../../src/features/assistant/reply.ts';
import type { AssistantServices } from '../../../src/features/assistant/services.ts';
import { openDevice } from '../helpers.ts';
import { nodeServices } from '../assistant/nodeServices.ts';
import { expectClearMessage, loadCases, text, type HostileCase, type TextSpec } from './corpus.ts';

interface AssistantCase extends HostileCase {
  text: TextSpec;
}

const CASES = loadCases<AssistantCase>('assistant.json');
const BOUND_MS = 5000;
const NOW = new Date('2026-03-07T12:00:00Z');
const timers: number[] = [];
let device: Awaited<ReturnType<typeof openDevice>>;
let services: AssistantServices;

beforeAll(async () => {
  device = await openDevice();
  await device.service.createNote({ title: 'Wifi', body: 'the wifi password is hunter2' });
  services = await nodeServices({ device, now: NOW, withModel: false, timers }); // keyword rules only
}, 60_000);

afterAll(() => device.close());

describe('hostile assistant messages', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const message = text(c.text);
    const timersBefore = timers.length;
    const start = performance.now();
    const reply = await respond(message, services);
    expect(performance.now() - start, 'time bound').toBeLessThan(BOUND_MS);
    expect(typeof reply.intent).toBe('string');
    expectClearMessage(reply.text);
    expectClearMessage(replyAsText(reply));
    expect(reply.text.length, 'a reply, not an echo of the whole input').toBeLessThan(5000);
    // A timer, if one was started, is a real finite duration setTimeout can hold.
    for (const ms of timers.slice(timersBefore)) expect(Number.isFinite(ms) && ms > 0 && ms <= 2 ** 31 - 1, `timer of ${ms} ms`).toBe(true);
    for (const link of reply.links ?? []) {
      expectClearMessage(link.label);
      expect(link.href).toMatch(/^#\//); // in-app only, never javascript: or another origin
    }
  });
});
