// The battery service (main thread): the thin adapter for navigator.getBattery (which exists
// nowhere else), the policy's automatic mode, the Settings override, and the one place that
// tells everyone else: a $state for the page, a BroadcastChannel ('jarvis-battery') for the
// workers, the inference worker's background embedding, and the System log.
import { inferenceIfStarted, whenInferenceStarted } from '../inference.svelte.ts';
import { logSystem } from '../systemLog.svelte.ts';
import { BATTERY_CHANNEL, type BatteryChannelMessage, type BatteryPolicyMessage } from './channel.ts';
import { effects, isBatteryMode, modeLabel, nextMode, type BatteryMode, type BatteryReading } from './policy.ts';

export type BatteryOverride = 'auto' | BatteryMode;

export const BATTERY_OVERRIDE_KEY = 'jarvis.battery.override';

/** The Battery Status API's manager (not in TypeScript's DOM types). */
interface BatteryManagerLike extends EventTarget {
  level: number;
  charging: boolean;
  chargingTime: number;
  dischargingTime: number;
}

function readOverride(): BatteryOverride {
  try {
    const value = localStorage.getItem(BATTERY_OVERRIDE_KEY);
    return isBatteryMode(value) ? value : 'auto';
  } catch {
    return 'auto';
  }
}

const initialOverride: BatteryOverride = typeof localStorage === 'undefined' ? 'auto' : readOverride();

export const battery = $state({
  /** The mode in force: the override when Settings set one, else the automatic mode. */
  mode: (initialOverride === 'auto' ? 'normal' : initialOverride) as BatteryMode,
  /** What the level and charging state call for (nextMode with its hysteresis). */
  auto: 'normal' as BatteryMode,
  override: initialOverride,
  /** 0..1, null when unknown. */
  level: null as number | null,
  charging: null as boolean | null,
  /** Seconds (Infinity: unknown or not applicable), null when unknown. */
  chargingTime: null as number | null,
  dischargingTime: null as number | null,
  /** null until the Battery Status API answered (or was found missing). */
  supported: null as boolean | null,
  /** Plain words when the level cannot be read, e.g. "battery level not available". */
  note: '',
});

let started = false;
let decided = false;
let markReady: () => void = () => {};
/** Resolves once the service has made its first decision (the Battery API answered or was found missing). */
export const batteryReady: Promise<void> = new Promise((resolve) => (markReady = resolve));
let channel: BroadcastChannel | null = null;

function reading(): BatteryReading | null {
  if (!battery.supported || battery.level === null || battery.charging === null) return null;
  return { level: battery.level, charging: battery.charging };
}

function percent(level: number): string {
  return `${Math.round(level * 100)} %`;
}

/** Why the automatic mode is what it is, in plain words. */
function autoReason(previous: BatteryMode, next: BatteryMode): string {
  const now = reading();
  if (!now) return battery.note || 'battery level not available';
  if (now.charging) return `level ${percent(now.level)}, charging`;
  const base = `level ${percent(now.level)}, discharging`;
  if (previous === next) return base;
  if (next === 'critical') return `${base} (below 10 %)`;
  if (next === 'saver') return previous === 'critical' ? `${base} (back at 12 % or more)` : `${base} (below 20 %)`;
  return `${base} (back at 22 % or more)`;
}

function policyMessage(): BatteryPolicyMessage {
  return { type: 'policy', mode: battery.mode, effects: effects(battery.mode) };
}

function broadcast(): void {
  try {
    channel?.postMessage(policyMessage());
  } catch {
    // A closed channel (page unloading): nothing to tell.
  }
}

function applyToInference(): void {
  const paused = !effects(battery.mode).backgroundEmbedding;
  // Never starts the worker for this: when it starts later, the start hook applies the mode.
  void inferenceIfStarted()
    ?.then((api) => api.setBackgroundPaused(paused))
    .catch(() => {});
}

/**
 * Recomputes the automatic and the effective mode; when either changes (or on the first
 * decision), tells the workers and writes the System log. `cause` says what changed.
 */
function decide(cause: 'start' | 'reading' | 'override' | 'other-tab'): void {
  const previousAuto = battery.auto;
  const previousMode = battery.mode;
  const auto = nextMode(previousAuto, reading());
  const mode = battery.override === 'auto' ? auto : battery.override;
  const first = !decided;
  decided = true;
  markReady();
  if (!first && auto === previousAuto && mode === previousMode && cause !== 'override' && cause !== 'other-tab') return;
  battery.auto = auto;
  battery.mode = mode;
  if (first || mode !== previousMode) {
    broadcast();
    applyToInference();
  }
  if (cause === 'other-tab') return; // that tab wrote the log entry
  const why = autoReason(previousAuto, auto);
  let message: string;
  if (cause === 'override') {
    message =
      battery.override === 'auto'
        ? `Battery mode ${modeLabel(mode)}: automatic again (${why}).`
        : `Battery mode ${modeLabel(mode)}: set in Settings (automatic would be ${modeLabel(auto)}; ${why}).`;
  } else if (battery.override !== 'auto') {
    message = `Automatic battery mode ${modeLabel(auto)} (${why}); Settings keep ${modeLabel(mode)}.`;
  } else {
    message = `Battery mode ${modeLabel(mode)}${first ? ' at start' : ''}: ${why}.`;
  }
  logSystem('battery', message);
}

function readManager(manager: BatteryManagerLike): void {
  battery.level = typeof manager.level === 'number' && Number.isFinite(manager.level) ? manager.level : null;
  battery.charging = typeof manager.charging === 'boolean' ? manager.charging : null;
  battery.chargingTime = typeof manager.chargingTime === 'number' ? manager.chargingTime : null;
  battery.dischargingTime = typeof manager.dischargingTime === 'number' ? manager.dischargingTime : null;
}

function unsupported(note: string): void {
  battery.supported = false;
  battery.note = note;
  battery.level = battery.charging = battery.chargingTime = battery.dischargingTime = null;
  decide('start');
}

/** Starts the service once (App's onMount). Safe to call again. */
export function startBattery(): void {
  if (started) return;
  started = true;

  if (typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel(BATTERY_CHANNEL);
    // A worker that starts later asks for the current policy.
    channel.onmessage = (event: MessageEvent<BatteryChannelMessage>) => {
      if (event.data?.type === 'request') broadcast();
    };
  }
  whenInferenceStarted((api) => api.setBackgroundPaused(!effects(battery.mode).backgroundEmbedding));

  // The override set in another tab (same device, same battery).
  window.addEventListener('storage', (event) => {
    if (event.key !== BATTERY_OVERRIDE_KEY && event.key !== null) return;
    const override = readOverride();
    if (override === battery.override) return;
    battery.override = override;
    decide('other-tab');
  });

  const nav = navigator as Navigator & { getBattery?: () => Promise<BatteryManagerLike> };
  if (typeof nav.getBattery !== 'function') {
    unsupported('battery level not available');
    return;
  }
  let manager: Promise<BatteryManagerLike>;
  try {
    manager = nav.getBattery();
  } catch {
    unsupported('battery level not available');
    return;
  }
  void Promise.resolve(manager).then(
    (m) => {
      battery.supported = true;
      battery.note = '';
      readManager(m);
      decide('start');
      const update = () => {
        readManager(m);
        decide('reading');
      };
      for (const type of ['levelchange', 'chargingchange', 'chargingtimechange', 'dischargingtimechange']) {
        m.addEventListener(type, update);
      }
    },
    () => unsupported('battery level not available'),
  );
}

/** Settings: force a mode, or 'auto' to follow the level again. Logged. */
export function setBatteryOverride(override: BatteryOverride): void {
  try {
    if (override === 'auto') localStorage.removeItem(BATTERY_OVERRIDE_KEY);
    else localStorage.setItem(BATTERY_OVERRIDE_KEY, override);
  } catch {
    // Storage unavailable: the override lasts for this page.
  }
  if (override === battery.override) return;
  battery.override = override;
  decide('override');
}

/** The policy's effects for the mode in force (what the page's own code should obey). */
export function batteryEffects() {
  return effects(battery.mode);
}
