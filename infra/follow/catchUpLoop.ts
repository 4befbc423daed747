import { createMutex } from '../../eventstore/mutex.js';
import type { EventStore } from '../../eventstore/port.js';

/**
 * The follower loop both log followers share (the projection runner, and the policy runner in
 * commands/policies): catch-up runs one at a time, notifications that arrive while one is queued share
 * it, a poll finds appends made by other processes, and callers wait for a position. What a catch-up
 * does (batches, checkpoints) is the follower's own.
 */
export interface CatchUpLoop {
  /** Starts a catch-up, or joins the one already queued. */
  readonly kick: () => Promise<void>;
  /** Resolves once `reached()` is at `position`; rejected when a catch-up fails short of it. */
  readonly waitFor: (position: number) => Promise<void>;
  /** Runs `work` between catch-ups, never during one (a rebuild), then settles the waiters. */
  readonly exclusive: <T>(work: () => Promise<T>) => Promise<T>;
  /** Follows appends (notifications and the poll) after one catch-up; answers that catch-up's failure. */
  readonly start: () => Promise<unknown>;
  /** Stops following; `last` runs once the catch-up in progress is done. */
  readonly stop: (last?: () => Promise<void>) => Promise<void>;
  readonly following: () => boolean;
  /** Resolves every waiter still waiting (a stopped follower has nothing left to wait for). */
  readonly release: () => void;
}

export interface CatchUpLoopOptions {
  readonly store: Pick<EventStore, 'onAppended'>;
  /** One catch-up; answers its failure, undefined when it succeeded. */
  readonly run: () => Promise<unknown>;
  /** The position the follower has reached: waiters at or below it resolve. */
  readonly reached: () => number;
  /** Fallback poll for appends made by other processes. */
  readonly pollMs?: number;
}

export const createCatchUpLoop = (options: CatchUpLoopOptions): CatchUpLoop => {
  const serial = createMutex();
  const waiters: { position: number; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let queued: Promise<void> | undefined;
  let lastFailure: unknown;
  let following = false;
  let timer: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;

  /** Resolves the waiters that are reached; after a failed run, rejects the others rather than leave them hanging. */
  const settle = (failure: unknown) => {
    const at = options.reached();
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (at >= waiters[i].position) waiters[i].resolve();
      else if (failure !== undefined) waiters[i].reject(failure);
      else continue;
      waiters.splice(i, 1);
    }
  };

  const kick = (): Promise<void> => {
    if (queued) return queued;
    const run = serial.run(async () => {
      queued = undefined;
      lastFailure = await options.run();
      settle(lastFailure);
    });
    queued = run;
    return run;
  };

  const poll = () => {
    timer = setTimeout(async () => {
      if (!following) return;
      await kick();
      if (following) poll();
    }, options.pollMs ?? 1000);
    timer.unref();
  };

  return {
    kick,
    waitFor: (position) =>
      new Promise<void>((resolve, reject) => {
        if (options.reached() >= position) return resolve();
        waiters.push({ position, resolve, reject });
        void kick();
      }),
    exclusive: (work) =>
      serial.run(async () => {
        const result = await work();
        settle(undefined);
        return result;
      }),
    start: async () => {
      following = true;
      unsubscribe = options.store.onAppended(() => void kick());
      await kick();
      poll();
      return lastFailure;
    },
    stop: async (last) => {
      following = false;
      if (timer) clearTimeout(timer);
      unsubscribe?.();
      await serial.run(last ?? (() => undefined));
    },
    following: () => following,
    release: () => {
      for (const w of waiters.splice(0)) w.resolve();
    },
  };
};
