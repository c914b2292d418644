// The assistant's services in the page: the workers behind their bridges, plus the thin
// main-thread adapters (battery, notifications, timers).
import { data } from '../../lib/data.ts';
import { inference } from '../../lib/inference.svelte.ts';
import { memoryBudgetBytes, quantumWorker } from '../../lib/quantum.ts';
import { notificationState } from './alarms/notify.ts';
import { startTimer } from './alarms/timers.svelte.ts';
import type { AssistantServices, BatteryReading } from './services.ts';
import { createSpace, sync } from '../sync/syncManager.svelte.ts';

type BatteryManager = { level: number; charging: boolean };

async function battery(): Promise<BatteryReading | null> {
  const nav = navigator as Navigator & { getBattery?: () => Promise<BatteryManager> };
  if (typeof nav.getBattery !== 'function') return null;
  try {
    const manager = await nav.getBattery();
    return { level: manager.level, charging: manager.charging };
  } catch {
    return null;
  }
}

let live: AssistantServices | null = null;

export function assistantServices(): AssistantServices {
  live ??= {
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    now: () => new Date(),
    async route(text) {
      return (await inference()).route(text, { now: Date.now(), timeZone: this.timeZone });
    },
    data,
    async searchMemory(query, options) {
      return (await inference()).searchMemory(query, options);
    },
    async runQuantum(qasm, shots) {
      return (await quantumWorker.api()).run({ qasm, shots, memoryBudgetBytes: memoryBudgetBytes() });
    },
    startTimer,
    battery,
    notificationState,
    async syncLink() {
      if (!sync.link) await createSpace();
      return sync.link!;
    },
  };
  return live;
}
