// The System log: an append-only list of what the app decided on its own (battery policy
// changes, …) and of the errors it met (error toasts, uncaught errors), kept in
// localStorage so it survives a reload, newest last, capped. Shown and exported in
// System → System log; errors of the last 24 hours lower the health score.

export interface SystemLogEntry {
  /** Epoch milliseconds. */
  at: number;
  /** Which part of the app decided, e.g. "battery". */
  area: string;
  message: string;
  /** Absent in entries written before levels existed: 'info'. */
  level?: 'info' | 'error';
}

export const SYSTEM_LOG_KEY = 'jarvis.systemLog';
export const SYSTEM_LOG_CAP = 500;

function read(): SystemLogEntry[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(SYSTEM_LOG_KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (e): e is SystemLogEntry =>
        typeof e === 'object' && e !== null && typeof e.at === 'number' && typeof e.area === 'string' && typeof e.message === 'string',
    );
  } catch {
    return [];
  }
}

export const systemLog = $state({ entries: typeof localStorage === 'undefined' ? [] : read() });

/** Appends one entry (re-reading storage first, so entries another tab wrote are kept). */
export function logSystem(area: string, message: string, level: 'info' | 'error' = 'info'): SystemLogEntry {
  const entry: SystemLogEntry = { at: Date.now(), area, message, ...(level === 'error' ? { level } : {}) };
  const entries = [...(typeof localStorage === 'undefined' ? systemLog.entries : read()), entry].slice(-SYSTEM_LOG_CAP);
  systemLog.entries = entries;
  try {
    localStorage.setItem(SYSTEM_LOG_KEY, JSON.stringify(entries));
  } catch {
    // Storage full or unavailable: the entry stays in this page's log.
  }
  return entry;
}

/** The whole log as a JSON file's bytes. */
export function exportSystemLog(): Uint8Array {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp for the file, not state
  return new TextEncoder().encode(JSON.stringify({ exportedAt: new Date().toISOString(), entries: systemLog.entries }, null, 2));
}

/** Error entries since `since` (epoch ms). */
export function errorsSince(since: number): number {
  return systemLog.entries.filter((e) => e.level === 'error' && e.at >= since).length;
}

/** Uncaught errors and rejections go to the log (once per message and second, no storms). */
export function logUncaughtErrors(): void {
  let last = '';
  let lastAt = 0;
  const record = (message: string) => {
    const now = Date.now();
    if (message === last && now - lastAt < 1000) return;
    last = message;
    lastAt = now;
    logSystem('app', message, 'error');
  };
  window.addEventListener('error', (event) => record(event.message || 'An error occurred.'));
  window.addEventListener('unhandledrejection', (event) => {
    const reason: unknown = event.reason;
    record(reason instanceof Error ? reason.message : String(reason));
  });
}

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === SYSTEM_LOG_KEY) systemLog.entries = read();
  });
}
