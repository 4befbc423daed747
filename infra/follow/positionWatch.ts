/**
 * How far a follower of the log has got, as this process learns it, and waiters for a position.
 * Whoever runs the follower reports to it: the runner itself on this thread, a notification from
 * another node (cluster mode), a message from a worker. Readers (read-your-writes, PRM-Min-Position,
 * health) only ever look here, so they do not care where the runner lives.
 */
export interface PositionWatch {
  readonly position: () => number;
  /** A position reached; reports never move it back (they may arrive out of order). */
  readonly advance: (position: number) => void;
  /** Resolves true once the position is reached, false when `timeoutMs` passes first. */
  readonly waitFor: (position: number, timeoutMs?: number) => Promise<boolean>;
  /** Resolves every waiter now, as timed out (a follower that stopped). */
  readonly release: () => void;
}

interface Waiter {
  readonly position: number;
  readonly resolve: (reached: boolean) => void;
  readonly timer?: NodeJS.Timeout;
}

export const createPositionWatch = (initial = 0): PositionWatch => {
  let at = initial;
  let waiters: Waiter[] = [];
  const settle = (w: Waiter, reached: boolean) => {
    if (w.timer) clearTimeout(w.timer);
    w.resolve(reached);
  };
  return {
    position: () => at,
    advance: (position) => {
      if (position <= at) return;
      at = position;
      const still: Waiter[] = [];
      for (const w of waiters)
        if (at >= w.position) settle(w, true);
        else still.push(w);
      waiters = still;
    },
    waitFor: (position, timeoutMs) =>
      new Promise<boolean>((resolve) => {
        if (at >= position) return resolve(true);
        const waiter: Waiter = {
          position,
          resolve,
          ...(timeoutMs === undefined
            ? {}
            : {
                timer: setTimeout(() => {
                  waiters = waiters.filter((w) => w !== waiter);
                  resolve(false);
                }, timeoutMs),
              }),
        };
        waiters.push(waiter);
      }),
    release: () => {
      const all = waiters;
      waiters = [];
      for (const w of all) settle(w, false);
    },
  };
};
