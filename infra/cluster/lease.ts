import type { PgSession } from './pgSession.js';

/**
 * The right to run one follower of the log (the projections, the policies) in the whole cluster: a
 * PostgreSQL session-level advisory lock on the node's session. Nodes that do not hold it try again
 * every `retryMs`; the holder keeps it until it stops or its session is lost (its process died, the
 * server restarted, the backend was terminated), when PostgreSQL releases it and another node takes
 * it on its next try. Exactly-once does not rest on the lease alone: batches are also fenced (see
 * the projection runner's `fence`), so a holder that lost its lease mid-batch cannot apply twice.
 */
export interface Lease {
  readonly name: string;
  readonly held: () => boolean;
  /** Called with true once acquired, false once lost or given up. */
  readonly onChange: (listener: (held: boolean) => void) => () => void;
  readonly start: () => Promise<void>;
  /** Stops trying and gives the lease up. */
  readonly stop: () => Promise<void>;
}

export const createLease = (session: PgSession, name: string, options: { retryMs?: number } = {}): Lease => {
  const key = `prm.lease.${name}`;
  const retryMs = options.retryMs ?? 1000;
  const listeners = new Set<(held: boolean) => void>();
  let held = false;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let trying: Promise<void> | undefined;

  const set = (value: boolean) => {
    if (held === value) return;
    held = value;
    for (const l of listeners) l(value);
  };

  const attempt = async () => {
    if (!running || held || !session.connected()) return;
    if (await session.tryLock(key)) {
      if (running) set(true);
      else await session.unlock(key);
    }
  };

  const tick = () => {
    if (!running) return;
    timer = setTimeout(async () => {
      trying = attempt();
      await trying;
      tick();
    }, retryMs);
    timer.unref();
  };

  const unsubscribeLost = session.onLost(() => set(false));
  // A fresh connection holds nothing: try at once rather than wait for the next tick.
  const unsubscribeConnected = session.onConnected(() => {
    if (running) trying = attempt();
  });

  return {
    name,
    held: () => held,
    onChange: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    start: async () => {
      if (running) return;
      running = true;
      trying = attempt();
      await trying;
      tick();
    },
    stop: async () => {
      running = false;
      if (timer) clearTimeout(timer);
      unsubscribeLost();
      unsubscribeConnected();
      await trying;
      if (held) {
        await session.unlock(key);
        set(false);
      }
    },
  };
};
