import type { EventFilter, StoredEvent, Subscription } from './port.js';

interface Source {
  readonly readAll: (options: { after: number; limit: number; filter?: EventFilter }) => AsyncIterable<StoredEvent>;
  readonly headPosition: () => Promise<number>;
  readonly onAppended: (listener: (head: number) => void) => () => void;
}

/**
 * Catch-up then live, for any adapter: pages through the log from `after`, then waits for
 * in-process append notifications, polling as a fallback for writers in other processes.
 */
export const pollingSubscription = (
  source: Source,
  options: {
    after?: number;
    filter?: EventFilter;
    handler: (e: StoredEvent) => Promise<void> | void;
    pollMs?: number;
    pageSize?: number;
  },
): Subscription => {
  const pageSize = options.pageSize ?? 500;
  let scanned = options.after ?? 0;
  let closed = false;
  let wake: (() => void) | undefined;
  const waiters: { position: number; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let failure: unknown;

  const settleWaiters = () => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (failure !== undefined) w.reject(failure);
      else if (scanned >= w.position) w.resolve();
      else continue;
      waiters.splice(i, 1);
    }
  };
  const unsubscribe = source.onAppended(() => wake?.());

  const loop = async () => {
    while (!closed) {
      const head = await source.headPosition();
      let seen = 0;
      for await (const event of source.readAll({ after: scanned, limit: pageSize, filter: options.filter })) {
        await options.handler(event);
        scanned = event.position;
        seen++;
      }
      if (seen < pageSize) scanned = Math.max(scanned, head);
      settleWaiters();
      if (seen === pageSize) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs ?? 250);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  };
  const running = loop().catch((error) => {
    failure = error;
    settleWaiters();
  });

  return {
    close: async () => {
      closed = true;
      wake?.();
      unsubscribe();
      await running;
    },
    caughtUpTo: (position) =>
      new Promise<void>((resolve, reject) => {
        if (failure !== undefined) return reject(failure);
        if (scanned >= position) return resolve();
        waiters.push({ position, resolve, reject });
        wake?.();
      }),
  };
};
