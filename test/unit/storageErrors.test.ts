import { describe, expect, it } from 'vitest';
import { DISK_FULL_MESSAGE, isQuotaError, reportingDiskFull } from '../../workers/data/storageErrors.ts';

describe('a full disk in plain words', () => {
  const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  it('recognises the quota error, also when wrapped', () => {
    expect(isQuotaError(quota)).toBe(true);
    expect(isQuotaError(new Error('save failed', { cause: quota }))).toBe(true);
    expect(isQuotaError({ name: 'AbortError', message: 'aborted', error: quota })).toBe(true);
    expect(isQuotaError(new Error('network down'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });

  it('turns it into a message that says what to do, and passes other errors through', async () => {
    await expect(reportingDiskFull(() => Promise.reject(quota))).rejects.toThrow(DISK_FULL_MESSAGE);
    const other = new Error('something else');
    await expect(reportingDiskFull(() => Promise.reject(other))).rejects.toBe(other);
    await expect(reportingDiskFull(async () => 7)).resolves.toBe(7);
  });
});
