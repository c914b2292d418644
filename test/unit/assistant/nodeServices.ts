// The assistant's services in Node, for tests: the real router (rules, plus the built-in
// embedding model when `withModel`), the real data service (fake-indexeddb), memory index
// and quantum kernel. Timers are recorded, not run; battery, sensors and sync answer like a
// phone would (the page owns those device APIs).
import { createRouter } from '../../../workers/assistant/router.ts';
import { MemoryIndex } from '../../../workers/memory/memoryIndex.ts';
import { InMemoryVectorStore } from '../../../workers/memory/vectorStore.ts';
import { parseQasm } from '../../../workers/quantum/qasm/index.ts';
import { runCircuit } from '../../../workers/quantum/engine/run.ts';
import { Statevector } from '../../../workers/quantum/kernel/statevector.ts';
import { loadKernelNode } from '../../../workers/quantum/kernel/loadNode.ts';
import type { QuantumRunResult } from '../../../workers/quantum/api.ts';
import { createNodeEmbedder } from '../../../scripts/lib/nodeEmbedder.ts';
import type { AssistantServices } from '../../../src/features/assistant/services.ts';
import type { openDevice } from '../helpers.ts';

export const TIME_ZONE = 'Europe/Berlin';

export async function nodeServices(options: {
  device: Awaited<ReturnType<typeof openDevice>>;
  now: Date;
  /** The router uses the embedding model too (else keyword rules alone); memory always does. */
  withModel: boolean;
  /** Every timer the assistant starts, in ms. */
  timers: number[];
  sensors?: AssistantServices['sensors'];
}): Promise<AssistantServices> {
  const { device, now, timers } = options;
  const embed = await createNodeEmbedder();
  const router = createRouter(options.withModel ? embed : undefined);
  const memory = new MemoryIndex({ embed, store: new InMemoryVectorStore() });
  const kernel = await loadKernelNode();
  return {
    timeZone: TIME_ZONE,
    now: () => now,
    route: (text) => router.route(text, { now, timeZone: TIME_ZONE }),
    data: async () => device.service,
    // As the inference worker does: bring the index up to date, then search.
    async searchMemory(query, opts) {
      await memory.upsert(await device.service.memoryItems());
      return memory.search(query, { limit: opts?.limit ?? 5, kinds: opts?.kinds });
    },
    async runQuantum(qasm, shots) {
      const circuit = parseQasm(qasm);
      const outcome = runCircuit(circuit, Statevector.create(kernel, circuit.qubits), { shots, seed: 7 });
      const top = (outcome.probabilities ?? [])
        .map((p, index) => ({ index, p }))
        .filter((t) => t.p > 0)
        .sort((a, b) => b.p - a.p);
      const result = { qubits: circuit.qubits, trajectories: false, top, amplitudes: [], bloch: [], counts: outcome.counts, expectations: [], milliseconds: 0, kernel: 'plain' } satisfies QuantumRunResult;
      return { ok: true, result };
    },
    startTimer(durationMs) {
      timers.push(durationMs);
      return { endsAt: now.getTime() + durationMs };
    },
    battery: async () => ({ level: 0.42, charging: false, mode: 'normal' }),
    notificationState: () => 'default',
    sensors: options.sensors ?? {
      status: async () => [{ label: 'Motion', state: 'available' }],
      start: async (sensors, rateHz) => ({ labels: sensors, rateHz: Math.min(rateHz, 60), requestedHz: rateHz }),
      stop: async () => null,
    },
    syncLink: async () => 'https://jarvis.local/#/join/v1/' + 'A'.repeat(43) + '.abcdef',
  };
}
