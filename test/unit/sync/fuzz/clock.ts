// The fuzz runs on Vitest's fake clock: automerge-repo throttles sync (DocSynchronizer's
// syncDebounceRate) and storage saves (Repo's saveDebounceRate) by 100 ms of setTimeout,
// which in real time would make 200 × 500 operations take hours. setImmediate stays real,
// because fake-indexeddb (the NoteIndex) completes its requests on it.
import { vi } from 'vitest';

const realImmediate = globalThis.setImmediate;

export function useFakeClock(start = Date.UTC(2026, 0, 1)): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], now: start });
}

export function useRealClock(): void {
  vi.useRealTimers();
}

/** One turn: `ms` of fake time (timers due run, with their microtasks), then one real event-loop turn. */
export async function pump(ms = 1): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await new Promise<void>((resolve) => realImmediate(resolve));
}

/** Awaits `promise` while the clock runs (1 ms of fake time per real turn). */
export async function settle<T>(promise: Promise<T>, what: string, maxTurns = 20_000): Promise<T> {
  let state: { done: false } | { done: true; ok: true; value: T } | { done: true; ok: false; error: unknown } = { done: false };
  promise.then(
    (value) => (state = { done: true, ok: true, value }),
    (error: unknown) => (state = { done: true, ok: false, error }),
  );
  for (let turn = 0; !state.done; turn++) {
    if (turn > maxTurns) throw new Error(`${what}: still pending after ${maxTurns} turns`);
    await pump(1);
  }
  const final = state as { done: true; ok: true; value: T } | { done: true; ok: false; error: unknown };
  if (!final.ok) throw final.error;
  return final.value;
}

/** Forgets every pending fake timer (between seeds: the repos of the last one must not keep running). */
export function dropTimers(): void {
  vi.clearAllTimers();
}
