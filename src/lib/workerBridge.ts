// One bridge for every worker (SPEC §10): starts the worker on first use, waits for its
// "ready" message (comlink messages sent earlier would be lost), and can restart it.
// Calls made while it starts simply wait for the same promise. Every bridge is listed in
// a registry that System → Health reads (state, and latency through a cheap probe call).

import * as Comlink from 'comlink';

export type WorkerState = 'not started' | 'starting' | 'ready' | 'failed';

export interface WorkerStatus {
  name: string;
  state: WorkerState;
  /** Why it failed, in plain words. */
  error?: string;
}

export interface WorkerBridge<T> {
  /** The worker's API, starting the worker if needed. */
  api(): Promise<Comlink.Remote<T>>;
  /** Stops the worker (e.g. to cancel its work); the next call starts a fresh one. */
  terminate(): void;
  status(): WorkerStatus;
  /**
   * Round-trip time of the probe call in ms, or null when the worker is not running (it
   * is not started for this) or has no probe.
   */
  measureLatency(): Promise<number | null>;
}

export interface WorkerBridgeOptions<T> {
  /** A cheap call that shows how quickly the worker answers (Health). */
  probe?: (api: Comlink.Remote<T>) => Promise<unknown>;
}

const bridges: WorkerBridge<unknown>[] = [];

/** Every worker the app can start, in the order they were declared. */
export function allWorkerBridges(): readonly WorkerBridge<unknown>[] {
  return bridges;
}

export function createWorkerBridge<T>(start: () => Worker, name: string, options: WorkerBridgeOptions<T> = {}): WorkerBridge<T> {
  let worker: Worker | null = null;
  let remote: Promise<Comlink.Remote<T>> | null = null;
  let status: WorkerStatus = { name, state: 'not started' };

  function boot(): Promise<Comlink.Remote<T>> {
    const w = start();
    worker = w;
    status = { name, state: 'starting' };
    return new Promise((resolve, reject) => {
      const onMessage = (event: MessageEvent) => {
        if (event.data?.type !== 'ready') return;
        w.removeEventListener('message', onMessage);
        if (worker === w) status = { name, state: 'ready' };
        resolve(Comlink.wrap<T>(w));
      };
      w.addEventListener('message', onMessage);
      w.addEventListener(
        'error',
        (event) => {
          const error = `The ${name} worker failed to start: ${event.message}`;
          if (worker === w) status = { name, state: 'failed', error };
          reject(new Error(error));
        },
        { once: true },
      );
    });
  }

  const bridge: WorkerBridge<T> = {
    api() {
      remote ??= boot();
      return remote;
    },
    terminate() {
      worker?.terminate();
      worker = null;
      remote = null;
      status = { name, state: 'not started' };
    },
    status: () => status,
    async measureLatency() {
      if (!remote || status.state !== 'ready' || !options.probe) return null;
      const started = performance.now();
      await options.probe(await remote);
      return performance.now() - started;
    },
  };
  bridges.push(bridge as WorkerBridge<unknown>);
  return bridge;
}

export { Comlink };
