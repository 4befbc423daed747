import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EventStore } from '../eventstore/port.js';
import type { HealthRegistry } from '../infra/health.js';
import type { ProjectionRunner } from '../projections/index.js';

export interface WorkerSetup {
  readonly file: string;
  /** The request thread checkpoints the WAL from its own worker: SQLite's automatic checkpoints stay off. */
  readonly backgroundCheckpoints: boolean;
  /** The file's write gate, shared with the request thread's connection (gatedMutex). */
  readonly writeGate: Int32Array;
}

export type ToRunner =
  | { readonly kind: 'appended'; readonly head: number }
  | { readonly kind: 'start' | 'stop'; readonly id: number }
  | { readonly kind: 'rebuild'; readonly id: number; readonly names?: readonly string[]; readonly batchSize?: number };

export type FromRunner =
  | { readonly kind: 'position'; readonly position: number }
  | { readonly kind: 'failed'; readonly error: string }
  | { readonly kind: 'health'; readonly component: string; readonly reason?: { code: string; detail: string } }
  | { readonly kind: 'progress'; readonly id: number; readonly done: number; readonly total: number }
  | { readonly kind: 'done'; readonly id: number; readonly error?: string };

interface Call {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly onProgress?: (done: number, total: number) => void;
}

/** From TypeScript sources (tsx), the worker registers tsx's loader itself: module hooks do not reach workers. */
const startWorker = (url: URL, workerData: WorkerSetup) =>
  url.pathname.endsWith('.ts')
    ? new Worker(
        `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); });`,
        { eval: true, workerData },
      )
    : new Worker(url, { workerData });

/**
 * The projection runner on a thread of its own (`PRM_PROJECTION_WORKER=true`), so that the request thread
 * decides and appends while the read models are written on the other core. The worker applies the log
 * with the same runner, transactions and checkpoints as in-thread, on its own connection; the two
 * threads take turns at the file's write lock through `writeGate`. Read-your-writes holds: `waitFor`
 * resolves once the worker says its committed checkpoints reached the position, and a catch-up that
 * fails rejects the waiters beyond what was reached, as in-thread.
 */
export const workerProjectionRunner = (
  store: Pick<EventStore, 'onAppended'>,
  health: HealthRegistry,
  setup: WorkerSetup,
): ProjectionRunner => {
  const worker = startWorker(
    new URL(`./projectionWorker${extname(fileURLToPath(import.meta.url))}`, import.meta.url),
    setup,
  );
  let processed = 0;
  let lastId = 0;
  const calls = new Map<number, Call>();
  const waiters: { position: number; resolve: () => void; reject: (e: Error) => void }[] = [];

  const settle = (failure?: Error) => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i].position <= processed) waiters[i].resolve();
      else if (failure) waiters[i].reject(failure);
      else continue;
      waiters.splice(i, 1);
    }
  };
  /** Set once the worker is gone: nothing it was asked will be answered, and no position will come. */
  let gone: Error | undefined;
  const fail = (error: Error) => {
    gone = error;
    health.degrade('read-models', { code: 'worker_exited', detail: error.message });
    for (const call of calls.values()) call.reject(error);
    calls.clear();
    settle(error);
  };

  worker.on('message', (message: FromRunner) => {
    switch (message.kind) {
      case 'position':
        processed = Math.max(processed, message.position);
        return settle();
      case 'failed':
        return settle(new Error(message.error));
      case 'health':
        if (message.reason) health.degrade(message.component, message.reason);
        else health.recover(message.component);
        return;
      case 'progress':
        calls.get(message.id)?.onProgress?.(message.done, message.total);
        return;
      case 'done': {
        const call = calls.get(message.id);
        calls.delete(message.id);
        if (message.error === undefined) call?.resolve();
        else call?.reject(new Error(message.error));
        return;
      }
    }
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the projection worker exited (code ${code})`)));

  const unsubscribe = store.onAppended((head) => worker.postMessage({ kind: 'appended', head } satisfies ToRunner));
  const ask = (message: (id: number) => ToRunner, onProgress?: Call['onProgress']) =>
    new Promise<void>((resolve, reject) => {
      if (gone) return reject(gone);
      const id = ++lastId;
      calls.set(id, { resolve, reject, onProgress });
      worker.postMessage(message(id));
    });
  let stopped: Promise<void> | undefined;

  return {
    start: () => ask((id) => ({ kind: 'start', id })),
    waitFor: (position) =>
      position <= processed
        ? Promise.resolve()
        : gone
          ? Promise.reject(gone)
          : new Promise((resolve, reject) => waiters.push({ position, resolve, reject })),
    rebuild: (names, onProgress, options = {}) =>
      ask((id) => ({ kind: 'rebuild', id, names, batchSize: options.batchSize }), onProgress),
    position: () => processed,
    stop: () =>
      (stopped ??= (async () => {
        unsubscribe();
        if (gone) return;
        await ask((id) => ({ kind: 'stop', id }));
        worker.removeAllListeners('exit');
        await worker.terminate();
      })()),
  };
};
