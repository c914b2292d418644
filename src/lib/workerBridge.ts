// One bridge for every worker (SPEC §10): starts the worker on first use, waits for its
// "ready" message (comlink messages sent earlier would be lost), and can restart it.
// Calls made while it starts simply wait for the same promise.

import * as Comlink from 'comlink';

export interface WorkerBridge<T> {
  /** The worker's API, starting the worker if needed. */
  api(): Promise<Comlink.Remote<T>>;
  /** Stops the worker (e.g. to cancel its work); the next call starts a fresh one. */
  terminate(): void;
}

export function createWorkerBridge<T>(start: () => Worker, name: string): WorkerBridge<T> {
  let worker: Worker | null = null;
  let remote: Promise<Comlink.Remote<T>> | null = null;

  function boot(): Promise<Comlink.Remote<T>> {
    const w = start();
    worker = w;
    return new Promise((resolve, reject) => {
      const onMessage = (event: MessageEvent) => {
        if (event.data?.type !== 'ready') return;
        w.removeEventListener('message', onMessage);
        resolve(Comlink.wrap<T>(w));
      };
      w.addEventListener('message', onMessage);
      w.addEventListener('error', (event) => reject(new Error(`The ${name} worker failed to start: ${event.message}`)), {
        once: true,
      });
    });
  }

  return {
    api() {
      remote ??= boot();
      return remote;
    },
    terminate() {
      worker?.terminate();
      worker = null;
      remote = null;
    },
  };
}

export { Comlink };
