import { describe, expect, it } from 'vitest';
import { healthScore, type HealthFacts } from '../../src/features/system/health.ts';

const healthy: HealthFacts = {
  workers: [
    { name: 'data', state: 'ready', latencyMs: 3 },
    { name: 'inference', state: 'not started', latencyMs: null },
  ],
  storage: { supported: true, persisted: true, usage: 10e6, quota: 1e9 },
  sync: 'synced',
  modelErrors: [],
  recentErrors: 0,
  memory: { usedBytes: 50e6, limitBytes: 4e9 },
};

describe('health score', () => {
  it('is 100 with no reasons when nothing is wrong (a worker not started is fine)', () => {
    expect(healthScore(healthy)).toEqual({ score: 100, reasons: [] });
    expect(healthScore({ ...healthy, sync: 'off', storage: null, memory: null }).score).toBe(100);
  });

  it('loses points for each problem, with the reason, biggest first', () => {
    const { score, reasons } = healthScore({
      ...healthy,
      workers: [{ name: 'quantum', state: 'failed', error: 'boom', latencyMs: null }, { name: 'data', state: 'ready', latencyMs: 2500 }],
      storage: { supported: true, persisted: false, usage: 95, quota: 100 },
      sync: 'offline',
      modelErrors: [{ id: 'Xenova/whisper-tiny', message: 'wrong checksum' }],
      recentErrors: 2,
      memory: { usedBytes: 9, limitBytes: 10 },
    });
    expect(reasons.map((r) => r.points)).toEqual([25, 25, 10, 10, 10, 10, 6, 5]);
    expect(score).toBe(0);
    expect(reasons[0]!.text).toMatch(/quantum worker failed: boom|95 % full/);
    expect(reasons.map((r) => r.text).join('\n')).toMatch(/not persistent.*Export a backup/);
    expect(reasons.at(-1)!.text).toBe('The data worker took 2500 ms to answer: it is busy.');
  });

  it('caps the error-log penalty and never goes below 0', () => {
    expect(healthScore({ ...healthy, recentErrors: 1 })).toEqual({ score: 97, reasons: [{ points: 3, text: '1 error in the last 24 hours (see the log below).' }] });
    expect(healthScore({ ...healthy, recentErrors: 40 }).score).toBe(85);
  });

  it('counts storage fullness in two steps', () => {
    expect(healthScore({ ...healthy, storage: { ...healthy.storage!, usage: 80, quota: 100 } }).score).toBe(90);
    expect(healthScore({ ...healthy, storage: { ...healthy.storage!, usage: 91, quota: 100 } }).score).toBe(75);
  });
});
