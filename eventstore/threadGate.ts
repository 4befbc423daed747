import type { Mutex } from './mutex.js';

type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
) => { async: false; value: string } | { async: true; value: Promise<string> };
// ES2024's Atomics.waitAsync (Node 16+); the project's lib is ES2023.
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

/** Shared memory for one gate: pass it to the other thread in `workerData`. */
export const createThreadGate = (): Int32Array => new Int32Array(new SharedArrayBuffer(4));

/**
 * A thread's write lock also held against another thread through `gate` (shared memory), so that two
 * threads writing one SQLite file take turns without either sleeping in SQLite's busy handler: a
 * thread waiting for the gate awaits it and keeps serving. SQLite's own lock still decides; the gate
 * only spares the wait.
 */
export const gatedMutex = (inner: Mutex, gate: Int32Array): Mutex => ({
  run: (task) =>
    inner.run(async () => {
      while (Atomics.compareExchange(gate, 0, 0, 1) !== 0) {
        const waiting = waitAsync(gate, 0, 1);
        if (waiting.async) await waiting.value;
      }
      try {
        return await task();
      } finally {
        Atomics.store(gate, 0, 0);
        Atomics.notify(gate, 0);
      }
    }),
});
