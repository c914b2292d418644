// A full disk, in plain words. IndexedDB reports it as a QuotaExceededError (sometimes
// wrapped by automerge-repo's storage layer, or as an AbortError whose transaction error is
// the quota); the user should read what happened and what to do, not the DOMException.

export const DISK_FULL_MESSAGE =
  'The device’s storage is full, so this change was not saved. Free some space (delete recordings or downloaded models in System), then edit again.';

export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const { name, message, cause, error: inner } = e as { name?: string; message?: string; cause?: unknown; error?: unknown };
    if (name === 'QuotaExceededError' || /quota/i.test(message ?? '')) return true;
    e = cause ?? inner;
  }
  return false;
}

/** Runs a write; a quota error becomes DISK_FULL_MESSAGE (other errors pass unchanged). */
export async function reportingDiskFull<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isQuotaError(error)) throw new Error(DISK_FULL_MESSAGE, { cause: error });
    throw error;
  }
}
