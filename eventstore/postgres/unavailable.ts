/** Socket-level failures: the server is down, restarting, or the connection was cut. */
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/**
 * SQLSTATEs meaning "the database is not there for you right now", not "your statement is wrong":
 * class 08 (connection exception), 57P01 admin shutdown (pg_terminate_backend, a fast shutdown),
 * 57P02 crash shutdown, 57P03 cannot connect now (starting up, shutting down), 53300 too many
 * connections, 40001/40P01 are not here: serialization failures are the caller's to retry.
 */
const STATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** node-postgres reports a lost connection without a code, in words. */
const MESSAGES = [
  'Connection terminated',
  'connection terminated',
  'Client has encountered a connection error',
  'timeout exceeded when trying to connect',
  'Client was closed and is not queryable',
  'Connection terminated due to connection timeout',
];

/**
 * PostgreSQL is unreachable or went away (refused, reset, terminated, shutting down): a condition to
 * answer with 503 and retry later, never a client mistake or a bug.
 */
export const isPostgresUnavailable = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (NETWORK.has(code) || STATES.has(code) || code.startsWith('08')) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  if (MESSAGES.some((m) => message.includes(m))) return true;
  // Connecting to several addresses (localhost: ::1 and 127.0.0.1) fails with an AggregateError.
  if (Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every(isPostgresUnavailable)) return true;
  return e.cause !== undefined && e.cause !== error && isPostgresUnavailable(e.cause);
};

/** Why a command was refused while the database was away; nothing of it was written. */
export class DatabaseUnavailable extends Error {
  override readonly name = 'DatabaseUnavailable';
  constructor(readonly reason: unknown) {
    super(`the database is unavailable: ${reason instanceof Error ? reason.message : String(reason)}`, {
      cause: reason,
    });
  }
}
