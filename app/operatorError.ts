import { CommanderError } from 'commander';

/**
 * A mistake of whoever runs `prm`, not a fault of the program: a bad variable, a port in use, a data
 * directory it cannot use, an unknown stream. Reported as one line, without a stack trace.
 * Exit codes: 2 for such mistakes; 1 stays for a command that ran and found a problem (a tampered
 * log, a refused import).
 */
export class OperatorError extends Error {
  override readonly name = 'OperatorError';
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** What `prm` does with a failure that reached the top: operator mistakes in one line, bugs in full. */
export const exitOnOperatorError = (error: unknown): never => {
  if (error instanceof OperatorError) {
    console.error(`prm: ${error.message}`);
    process.exit(error.exitCode);
  }
  // Commander printed its own one-line message already (unknown option, missing argument).
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
  throw error;
};

const reasons: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  ENOSPC: 'no space left on the device',
  SQLITE_CANTOPEN: 'the database file cannot be opened',
  SQLITE_READONLY: 'the database file is read-only',
  SQLITE_NOTADB: 'prm.db is not a SQLite database',
  SQLITE_CORRUPT: 'prm.db is corrupt',
};

/** Runs `work` on the data directory; a file-system or SQLite refusal becomes one line naming PRM_DATA_DIR. */
export const inDataDir = async <T>(dataDir: string, work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason = typeof code === 'string' ? (reasons[code] ?? reasons[code.replace(/_[A-Z]+$/, '')]) : undefined;
    if (reason) throw new OperatorError(`cannot use the data directory ${dataDir} (PRM_DATA_DIR): ${reason}`);
    throw error;
  }
};
