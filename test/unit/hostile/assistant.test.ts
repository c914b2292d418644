// Hostile messages (test/fixtures/hostile/assistant.json) through respond(): the rules-only
// router (createRouter()), the real data service, memory index and quantum kernel, as in
// test/unit/assistant/skills.test.ts. Each gets a reply with clear text, no throw, quickly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../../../workers/assistant/router.ts';
import { MemoryIndex } from '../../../workers/memory/memoryIndex.ts';
import { InMemoryVectorStore } from '../../../workers/memory/vectorStore.ts';
import { parseQasm } from '../../../workers/quantum/qasm/index.ts';
import { runCircuit } from '../../../workers/quantum/engine/run.ts';
import { Statevector } from '../../../workers/quantum/kernel/statevector.ts';
import { loadKernelNode } from '../../../workers/quantum/kernel/loadNode.ts';
import type { QuantumRunResult } from '../../../workers/quantum/api.ts';
import { createNodeEmbedder } from '../../../scripts/lib/nodeEmbedder.ts';
import { respond } from '../../../src/features/assistant/respond.ts';
import { replyAsText } from '../../../src/features/assistant/reply.ts';
import type { AssistantServices } from '../../../src/features/assistant/services.ts';
import { openDevice } from '../helpers.ts';
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
  const router = createRouter(); // rules only
  const memory = new MemoryIndex({ embed: await createNodeEmbedder(), store: new InMemoryVectorStore() });
  const kernel = await loadKernelNode();
  await device.service.createNote({ title: 'Wifi', body: 'the wifi password is hunter2' });
  services = {
    timeZone: 'Europe/Berlin',
    now: () => NOW,
    route: (message) => router.route(message, { now: NOW, timeZone: 'Europe/Berlin' }),
    data: async () => device.service,
    async searchMemory(query, options) {
      await memory.upsert(await device.service.memoryItems());
      return memory.search(query, { limit: options?.limit ?? 5, kinds: options?.kinds });
    },
    async runQuantum(qasm, shots) {
      const circuit = parseQasm(qasm);
      const outcome = runCircuit(circuit, Statevector.create(kernel, circuit.qubits), { shots, seed: 7 });
      const top = (outcome.probabilities ?? []).map((p, index) => ({ index, p })).filter((t) => t.p > 0).sort((x, y) => y.p - x.p);
      const result = { qubits: circuit.qubits, trajectories: false, top, amplitudes: [], bloch: [], counts: outcome.counts, expectations: [], milliseconds: 0, kernel: 'plain' } satisfies QuantumRunResult;
      return { ok: true, result };
    },
    startTimer(durationMs) {
      timers.push(durationMs);
      return { endsAt: NOW.getTime() + durationMs };
    },
    battery: async () => ({ level: 0.42, charging: false, mode: 'normal' }),
    notificationState: () => 'default',
    sensors: {
      status: async () => [{ label: 'Motion', state: 'available' }],
      start: async (sensors, rateHz) => ({ labels: sensors, rateHz: Math.min(rateHz, 60), requestedHz: rateHz }),
      stop: async () => null,
    },
    syncLink: async () => 'https://jarvis.local/#/join/v1/' + 'A'.repeat(43) + '.abcdef',
  };
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
