import { isDatabaseUnavailable, isStorageFull } from '../eventstore/errors.js';
import { problem, type Problem } from './problem.js';

/** Seconds a client should wait before retrying against a database that is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * How a storage failure reads over HTTP: out of space is `507 storage_full`, a database that cannot
 * be used is `503 database_unavailable` with `Retry-After`. Either way nothing was written: the
 * append is atomic, and a command whose events were stored answers success (commandRoute).
 * Undefined for any other error.
 */
export const storageProblemOf = (error: unknown): { problem: Problem; retryAfter?: number } | undefined => {
  if (isStorageFull(error))
    return { problem: problem(507, 'storage_full', 'the server is out of storage space; nothing was written') };
  if (isDatabaseUnavailable(error))
    return {
      problem: problem(503, 'database_unavailable', 'the database is unavailable; nothing was written, retry later'),
      retryAfter: RETRY_AFTER_SECONDS,
    };
  return undefined;
};
