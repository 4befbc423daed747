import type { ExpectedVersion } from './port.js';

/** The stream was not at the version the writer expected: someone else wrote first. */
export class WrongExpectedVersion extends Error {
  override readonly name = 'WrongExpectedVersion';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`stream ${streamId} is at version ${actual}, expected ${String(expected)}`);
  }
}

/** An event body failed its schema on append. */
export class InvalidEvent extends Error {
  override readonly name = 'InvalidEvent';
  constructor(
    readonly eventType: string,
    readonly issues: readonly string[],
  ) {
    super(`invalid ${eventType}: ${issues.join('; ')}`);
  }
}

/** An event id was reused for a different stream or a different batch. */
export class EventIdConflict extends Error {
  override readonly name = 'EventIdConflict';
  constructor(readonly eventId: string) {
    super(`event id ${eventId} already exists elsewhere in the log`);
  }
}

export const isWrongExpectedVersion = (e: unknown): e is WrongExpectedVersion => e instanceof WrongExpectedVersion;

/** Decides whether a stream at `actual` satisfies the expectation; shared by every adapter. */
export const checkExpectedVersion = (streamId: string, expected: ExpectedVersion, actual: number): void => {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && actual === 0) ||
    (expected === 'stream_exists' && actual > 0) ||
    expected === actual;
  if (!ok) throw new WrongExpectedVersion(streamId, expected, actual);
};

/** The `code` of an error or of any error in its `cause` chain (drivers and wrappers nest them). */
const codesOf = (error: unknown): string[] => {
  const codes: string[] = [];
  for (let e = error, depth = 0; e !== null && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    e = (e as { cause?: unknown }).cause;
  }
  return codes;
};

/**
 * Out of space: SQLite's SQLITE_FULL (disk full, or `PRAGMA max_page_count` reached), a file
 * system's ENOSPC or EDQUOT. Nothing of the failed write was stored.
 */
export const isStorageFull = (error: unknown): boolean =>
  codesOf(error).some((c) => c === 'SQLITE_FULL' || c === 'ENOSPC' || c === 'EDQUOT');

/**
 * The database cannot be used right now (I/O error, file gone or unopenable, locked beyond the busy
 * timeout): worth a retry later, not a client's fault. SQLite's codes here; other adapters add theirs.
 */
export const isDatabaseUnavailable = (error: unknown): boolean =>
  codesOf(error).some(
    (c) =>
      c.startsWith('SQLITE_IOERR') ||
      c.startsWith('SQLITE_CANTOPEN') ||
      c === 'SQLITE_BUSY' ||
      c === 'SQLITE_READONLY_DBMOVED' ||
      c === 'SQLITE_NOTADB',
  );

/** Why storage refused, in the words health reasons and problem codes use; undefined for anything else. */
export const storageFailureOf = (error: unknown): 'storage_full' | 'database_unavailable' | undefined =>
  isStorageFull(error) ? 'storage_full' : isDatabaseUnavailable(error) ? 'database_unavailable' : undefined;
