// The UI's handle on the quantum worker. "Cancel run" terminates the worker; the next run
// starts a fresh one.
import type { QuantumApi } from '../../workers/quantum/api.ts';
import { createWorkerBridge } from './workerBridge.ts';

export const quantumWorker = createWorkerBridge<QuantumApi>(
  () => new Worker(new URL('../../workers/quantum/quantum.worker.ts', import.meta.url), { type: 'module', name: 'quantum' }),
  'quantum',
  { probe: (api) => api.check('OPENQASM 2.0;') },
);

/** Bytes the device can give a statevector: a quarter of navigator.deviceMemory, 1 GiB when unknown. */
export function memoryBudgetBytes(): number {
  const gib = (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
  return gib ? (gib * 2 ** 30) / 4 : 2 ** 30;
}
