// Countdown timers ("set a timer for 5 minutes"). Kept in localStorage so a reload keeps
// them: on start-up each is re-armed for the time it has left, or fires at once if it ended
// while the page was closed.
import { formatDuration } from './duration.ts';
import { notify } from './notify.ts';

export interface Timer {
  id: string;
  label: string;
  durationMs: number;
  endsAt: number;
}

const KEY = 'jarvis.timers';
/** setTimeout's longest delay; longer waits re-arm in steps. */
const MAX_DELAY = 2 ** 31 - 1;

function load(): Timer[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter((t): t is Timer => typeof t?.id === 'string' && Number.isFinite(t?.endsAt) && Number.isFinite(t?.durationMs))
      : [];
  } catch {
    return [];
  }
}

export const timers = $state<Timer[]>(load());
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- timeout handles, not shown anywhere
const handles = new Map<string, ReturnType<typeof setTimeout>>();

function save(): void {
  localStorage.setItem(KEY, JSON.stringify(timers));
}

function arm(timer: Timer): void {
  clearTimeout(handles.get(timer.id));
  const wait = Math.min(MAX_DELAY, Math.max(0, timer.endsAt - Date.now()));
  handles.set(
    timer.id,
    setTimeout(() => {
      if (Date.now() < timer.endsAt) return arm(timer);
      finish(timer.id);
      void notify('Timer done', timer.label || formatDuration(timer.durationMs));
    }, wait),
  );
}

function finish(id: string): void {
  clearTimeout(handles.get(id));
  handles.delete(id);
  const index = timers.findIndex((t) => t.id === id);
  if (index >= 0) timers.splice(index, 1);
  save();
}

export function startTimer(durationMs: number, label = ''): Timer {
  const timer: Timer = { id: crypto.randomUUID(), label, durationMs, endsAt: Date.now() + durationMs };
  timers.push(timer);
  save();
  arm(timer);
  return timer;
}

export function cancelTimer(id: string): void {
  finish(id);
}

/** Called once at start-up. */
export function armTimers(): void {
  for (const timer of timers) arm(timer);
}
