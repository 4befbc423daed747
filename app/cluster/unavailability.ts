import { isPostgresUnavailable } from '../../eventstore/postgres/unavailable.js';

/** How long a failure to reach the database keeps the node reported degraded after the last one. */
const RECENT_MS = 5000;

/**
 * What a node remembers of the database going away, for /health: the last failure that said the
 * database was unreachable, and whether its session (leases, notifications) is down now. Cluster mode
 * (issue 14): to be folded into the shared health registry.
 */
export const createUnavailability = (now: () => number = Date.now) => {
  let last: { at: number; message: string } | undefined;
  return {
    note: (error: unknown) => {
      if (isPostgresUnavailable(error))
        last = { at: now(), message: error instanceof Error ? error.message : String(error) };
    },
    reasons: (sessionDown: boolean): string[] => [
      ...(sessionDown ? ['database: the node lost its session connection to PostgreSQL; reconnecting'] : []),
      ...(last && now() - last.at < RECENT_MS ? [`database: unavailable (${last.message})`] : []),
    ],
  };
};
