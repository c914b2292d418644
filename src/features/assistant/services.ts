// What skills may use, gathered in one object so they can be unit-tested against the real
// data service in Node and run against the workers in the page.
import type { DataApi } from '../../../workers/data/api.ts';
import type { Routed } from '../../../workers/assistant/router.ts';
import type { MemoryHit } from '../../../workers/memory/memoryIndex.ts';
import type { QuantumRunResult } from '../../../workers/quantum/api.ts';
import type { NotificationState } from './alarms/notify.ts';

export interface BatteryReading {
  level: number;
  charging: boolean;
}

export interface AssistantServices {
  route(text: string): Promise<Routed>;
  data(): Promise<
    Pick<DataApi, 'createNote' | 'listNotes' | 'createTask' | 'listTasks' | 'findTasks' | 'updateTask' | 'stats'>
  >;
  searchMemory(query: string, options?: { limit?: number; kinds?: ('note' | 'task' | 'turn')[] }): Promise<MemoryHit[]>;
  /** Without shots: exact probabilities (circuits with reset/if need shots). */
  runQuantum(qasm: string, shots?: number): Promise<{ ok: true; result: QuantumRunResult } | { ok: false; error: { message: string } }>;
  startTimer(durationMs: number, label: string): { endsAt: number };
  /** null when the browser has no Battery Status API. */
  battery(): Promise<BatteryReading | null>;
  notificationState(): NotificationState;
  /** This device's sync link, making a sync space first when it is in none. */
  syncLink(): Promise<string>;
  now(): Date;
  timeZone: string;
}
