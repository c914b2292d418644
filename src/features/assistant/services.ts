// What skills may use, gathered in one object so they can be unit-tested against the real
// data service in Node and run against the workers in the page.
import type { DataApi } from '../../../workers/data/api.ts';
import type { Routed } from '../../../workers/assistant/router.ts';
import type { MemoryHit } from '../../../workers/memory/memoryIndex.ts';
import type { QuantumRunResult } from '../../../workers/quantum/api.ts';
import type { NotificationState } from './alarms/notify.ts';
import type { BatteryMode } from '../../lib/battery/policy.ts';

/** The battery service's state: level and charging are null when the browser does not report them. */
export interface BatteryReading {
  level: number | null;
  charging: boolean | null;
  /** The battery mode in force. */
  mode: BatteryMode;
  /** The mode was chosen in Settings, not by the level. */
  overridden?: boolean;
}

/** What the sensors service tells the assistant (src/features/sensors). */
export interface SensorsService {
  /** Every source with its state in plain words ("available", "not available on this device", …). */
  status(): Promise<{ label: string; state: string }[]>;
  /** Starts recording the named sensors (motion, orientation, geolocation, light); rate capped by the battery mode. */
  start(sensors: string[], rateHz: number): Promise<{ labels: string[]; rateHz: number; requestedHz: number }>;
  /** Stops the running recording; null when none runs. */
  stop(): Promise<{ samples: number; seconds: number } | null>;
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
  /** The battery service's level, charging state and mode (level null without a Battery Status API). */
  battery(): Promise<BatteryReading>;
  notificationState(): NotificationState;
  sensors: SensorsService;
  /** This device's sync link, making a sync space first when it is in none. */
  syncLink(): Promise<string>;
  now(): Date;
  timeZone: string;
}
