// The assistant's services in the page: the workers behind their bridges, plus the thin
// main-thread adapters (battery, notifications, timers).
import { data } from '../../lib/data.ts';
import { inference } from '../../lib/inference.svelte.ts';
import { memoryBudgetBytes, quantumWorker } from '../../lib/quantum.ts';
import { notificationState } from './alarms/notify.ts';
import { startTimer } from './alarms/timers.svelte.ts';
import type { AssistantServices, BatteryReading } from './services.ts';
import { sensorsService } from '../sensors/sensorsService.ts';
import { createSpace, sync } from '../sync/syncManager.svelte.ts';
import { battery as batteryState, batteryReady, startBattery } from '../../lib/battery/battery.svelte.ts';

/** Read from the battery service (src/lib/battery), which owns the Battery Status API. */
async function battery(): Promise<BatteryReading> {
  startBattery();
  await Promise.race([batteryReady, new Promise((resolve) => setTimeout(resolve, 1000))]);
  return {
    level: batteryState.supported ? batteryState.level : null,
    charging: batteryState.supported ? batteryState.charging : null,
    mode: batteryState.mode,
    overridden: batteryState.override !== 'auto',
  };
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
    sensors: sensorsService,
    notificationState,
    async syncLink() {
      if (!sync.link) await createSpace();
      return sync.link!;
    },
  };
  return live;
}
