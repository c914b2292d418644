// The battery policy (SPEC §0.5, §7): pure functions, no DOM, usable on the main thread,
// in workers and in Node tests.
//
//   normal    the level is unknown, or ≥ 20 %, or the device is charging
//   saver     below 20 % and discharging: background embedding paused, recordings ≤ 10 Hz,
//             simulations on one thread, wake word off
//   critical  below 10 % and discharging: saver, and background indexing stopped too,
//             recordings ≤ 5 Hz
//
// Leaving a mode needs 2 points of margin, so a level wobbling around a threshold does not
// flip the mode back and forth: saver is left at ≥ 22 %, critical at ≥ 12 %. Plugging the
// charger in returns to normal at once.

export type BatteryMode = 'normal' | 'saver' | 'critical';

export const BATTERY_MODES: readonly BatteryMode[] = ['normal', 'saver', 'critical'];

export interface BatteryReading {
  /** 0..1 */
  level: number;
  charging: boolean;
}

/** Saver is entered below this level (discharging). */
export const SAVER_BELOW = 0.2;
/** Critical is entered below this level (discharging). */
export const CRITICAL_BELOW = 0.1;
/** Saver is left (to normal) at or above this level. Literals, not sums: 0.2 + 0.02 > 0.22 in floating point. */
export const SAVER_LEAVE_AT = 0.22;
/** Critical is left (to saver, or to normal at ≥ SAVER_LEAVE_AT) at or above this level. */
export const CRITICAL_LEAVE_AT = 0.12;

/** The mode a reading calls for, with no history (entry thresholds only). */
function entryMode(level: number): BatteryMode {
  if (level < CRITICAL_BELOW) return 'critical';
  if (level < SAVER_BELOW) return 'saver';
  return 'normal';
}

/**
 * The next mode, given the current one and a new reading. Moving to a lower-power mode
 * happens at the entry thresholds (20 %, 10 %), also in one jump (50 % → 5 %: critical);
 * moving back needs the 2-point margin (critical → saver at ≥ 12 %, → normal at ≥ 22 %).
 * Charging, no reading (no Battery Status API) or a level that is not a number: normal.
 */
export function nextMode(current: BatteryMode, reading: BatteryReading | null): BatteryMode {
  if (!reading || reading.charging) return 'normal';
  const { level } = reading;
  if (typeof level !== 'number' || !Number.isFinite(level)) return 'normal';
  switch (current) {
    case 'normal':
      return entryMode(level);
    case 'saver':
      if (level < CRITICAL_BELOW) return 'critical';
      return level >= SAVER_LEAVE_AT ? 'normal' : 'saver';
    case 'critical':
      if (level >= SAVER_LEAVE_AT) return 'normal';
      return level >= CRITICAL_LEAVE_AT ? 'saver' : 'critical';
    default:
      return entryMode(level);
  }
}

/** The highest sampling rate a recording may use in this mode (Hz). */
export function rateCap(mode: BatteryMode): number {
  return mode === 'critical' ? 5 : mode === 'saver' ? 10 : 60;
}

export interface BatteryEffects {
  /** Vectors for the semantic memory computed in the background (inference worker). */
  backgroundEmbedding: boolean;
  /** Background indexing of new and changed items (keyword index refreshes, re-indexing). */
  backgroundIndexing: boolean;
  /** Simulation threads: as many as the device offers, or one. */
  simulationThreads: 'auto' | 1;
  /** The always-listening wake word. */
  wakeWord: boolean;
  /** Recording rate cap (Hz); a running recording keeps going at this rate, never stopped. */
  maxRecordingHz: number;
}

export function effects(mode: BatteryMode): BatteryEffects {
  switch (mode) {
    case 'critical':
      return { backgroundEmbedding: false, backgroundIndexing: false, simulationThreads: 1, wakeWord: false, maxRecordingHz: rateCap(mode) };
    case 'saver':
      return { backgroundEmbedding: false, backgroundIndexing: true, simulationThreads: 1, wakeWord: false, maxRecordingHz: rateCap(mode) };
    default:
      return { backgroundEmbedding: true, backgroundIndexing: true, simulationThreads: 'auto', wakeWord: true, maxRecordingHz: rateCap('normal') };
  }
}

/** The word the header badge shows: exactly "Normal", "Saver" or "Critical". */
export function modeLabel(mode: BatteryMode): 'Normal' | 'Saver' | 'Critical' {
  return mode === 'critical' ? 'Critical' : mode === 'saver' ? 'Saver' : 'Normal';
}

/** What the mode does, in plain words (Settings, the assistant). */
export function describeMode(mode: BatteryMode): string {
  switch (mode) {
    case 'critical':
      return 'Critical battery mode is on: background embedding and indexing are stopped, recordings are capped at 5 Hz (a running recording keeps going, slower), simulations use one thread and the wake word is off.';
    case 'saver':
      return 'Battery saver is on: background embedding is paused, recordings are capped at 10 Hz (a running recording keeps going, slower), simulations use one thread and the wake word is off.';
    default:
      return 'Normal mode: background work, recordings up to 60 Hz, simulations on every thread and the wake word all run as usual.';
  }
}

/** Whether a value is a battery mode (e.g. one read back from localStorage). */
export function isBatteryMode(value: unknown): value is BatteryMode {
  return value === 'normal' || value === 'saver' || value === 'critical';
}
