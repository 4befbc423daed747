import type { EventStore } from '../../eventstore/port.js';

/** Waits for the log to grow: long-polls of the feed, server-sent events, idle webhook deliveries. */
export interface LogTail {
  /**
   * Resolves with the head position once it is beyond `position`, or when `ms` have passed, or when
   * `signal` aborts (then with the last head known), whichever comes first.
   */
  readonly waitBeyond: (position: number, ms: number, signal?: AbortSignal) => Promise<number>;
  readonly close: () => void;
}

interface Waiter {
  readonly position: number;
  readonly resolve: (head: number) => void;
}

/**
 * Appends in this process wake waiters at once (`onAppended`); appends by other processes are found by
 * polling the head every `pollMs`, and only while someone waits. Many waiters share one poll.
 */
export const createLogTail = (
  store: Pick<EventStore, 'onAppended' | 'headPosition'>,
  options: { pollMs?: number } = {},
): LogTail => {
  const pollMs = options.pollMs ?? 100;
  const waiters = new Set<Waiter>();
  let head = 0;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const reached = (position: number) => {
    if (position > head) head = position;
    for (const w of waiters)
      if (head > w.position) {
        waiters.delete(w);
        w.resolve(head);
      }
    if (waiters.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
  const unsubscribe = store.onAppended(reached);
  const poll = () => {
    timer ??= setInterval(() => {
      store.headPosition().then(reached, () => undefined);
    }, pollMs);
    timer.unref();
  };

  return {
    waitBeyond: async (position, ms, signal) => {
      reached(await store.headPosition());
      if (head > position || signal?.aborted || closed) return head;
      return new Promise<number>((resolve) => {
        const done = () => {
          clearTimeout(timeout);
          signal?.removeEventListener('abort', done);
          waiters.delete(waiter);
          resolve(head);
        };
        const waiter: Waiter = { position, resolve: done };
        const timeout = setTimeout(done, ms);
        signal?.addEventListener('abort', done, { once: true });
        waiters.add(waiter);
        poll();
      });
    },
    close: () => {
      closed = true;
      unsubscribe();
      if (timer) clearInterval(timer);
      for (const w of [...waiters]) w.resolve(head);
      waiters.clear();
    },
  };
};
