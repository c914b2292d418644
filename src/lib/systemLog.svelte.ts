// The System log: an append-only list of what the app decided on its own (battery policy
// changes, …), kept in localStorage so it survives a reload, newest last, capped.
// Shown and exported in System → System log.

export interface SystemLogEntry {
  /** Epoch milliseconds. */
  at: number;
  /** Which part of the app decided, e.g. "battery". */
  area: string;
  message: string;
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
export function logSystem(area: string, message: string): SystemLogEntry {
  const entry: SystemLogEntry = { at: Date.now(), area, message };
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

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === SYSTEM_LOG_KEY) systemLog.entries = read();
  });
}
