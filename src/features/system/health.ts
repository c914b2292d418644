// The health score (System → Health): 100 minus a penalty for each thing that is wrong,
// each penalty with the reason in plain words and what to do. Pure: the card gathers the
// facts, this decides; Node tests pin every rule.
import type { WorkerStatus } from '../../lib/workerBridge.ts';

export interface HealthFacts {
  workers: (WorkerStatus & { latencyMs: number | null })[];
  storage: { supported: boolean; persisted: boolean; usage: number | null; quota: number | null } | null;
  /** 'off' when the device is in no sync space. */
  sync: 'off' | 'offline' | 'connecting' | 'synced';
  /** Models whose last load or download failed. */
  modelErrors: { id: string; message?: string }[];
  /** Error entries in the System log over the last 24 hours. */
  recentErrors: number;
  /** JS memory in use and its limit, where the browser measures them. */
  memory: { usedBytes: number; limitBytes: number | null } | null;
}

export interface HealthReason {
  points: number;
  text: string;
}

/** A worker slower than this to answer a trivial call is busy (or stuck). */
export const SLOW_WORKER_MS = 1000;

export function healthScore(facts: HealthFacts): { score: number; reasons: HealthReason[] } {
  const reasons: HealthReason[] = [];
  const lose = (points: number, text: string) => reasons.push({ points, text });

  for (const worker of facts.workers) {
    if (worker.state === 'failed') lose(25, `The ${worker.name} worker failed${worker.error ? `: ${worker.error}` : ''}. Reload the app.`);
    else if (worker.latencyMs !== null && worker.latencyMs > SLOW_WORKER_MS) {
      lose(5, `The ${worker.name} worker took ${Math.round(worker.latencyMs)} ms to answer: it is busy.`);
    }
  }

  const storage = facts.storage;
  if (storage && !storage.supported) lose(10, 'This browser cannot keep storage persistent: export a backup now and then.');
  else if (storage && !storage.persisted) lose(10, 'Storage is not persistent: the browser may clear your data when space runs low. Export a backup.');
  if (storage?.usage != null && storage.quota) {
    const used = storage.usage / storage.quota;
    if (used > 0.9) lose(25, `Storage is ${Math.round(used * 100)} % full: new edits may fail. Delete recordings or models you do not need.`);
    else if (used > 0.75) lose(10, `Storage is ${Math.round(used * 100)} % full.`);
  }

  if (facts.sync === 'offline') lose(10, 'Sync is offline: changes stay on this device until it is back online.');

  for (const model of facts.modelErrors) lose(10, `The model ${model.id} could not be used${model.message ? `: ${model.message}` : ''}.`);

  if (facts.recentErrors > 0) {
    lose(Math.min(15, 3 * facts.recentErrors), `${facts.recentErrors} ${facts.recentErrors === 1 ? 'error' : 'errors'} in the last 24 hours (see the log below).`);
  }

  const memory = facts.memory;
  if (memory?.limitBytes && memory.usedBytes / memory.limitBytes > 0.8) {
    lose(10, `JavaScript memory is ${Math.round((memory.usedBytes / memory.limitBytes) * 100)} % of what the browser allows.`);
  }

  const lost = reasons.reduce((sum, r) => sum + r.points, 0);
  return { score: Math.max(0, 100 - lost), reasons: reasons.sort((a, b) => b.points - a.points) };
}
