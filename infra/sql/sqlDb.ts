/** A statement prepared once and run many times (SQLite: a cached statement; PostgreSQL: a named one). */
export interface PreparedSql {
  /** Answers the number of rows changed. */
  readonly run: (params: readonly unknown[]) => Promise<number>;
  readonly get: <T>(params: readonly unknown[]) => Promise<T | undefined>;
  readonly all: <T>(params: readonly unknown[]) => Promise<T[]>;
}

/**
 * The small SQL surface read models are written and read through: portable statements with `?`
 * placeholders (a PostgreSQL adapter renumbers them once per statement), executed inside the
 * runner's transaction. Adapters: SQLite (sync underneath), PostgreSQL. Projections use the typed
 * statements over it (tableStatements.ts); the raw calls serve plumbing tables and tests.
 */
export interface SqlDb {
  readonly run: (sql: string, params?: readonly unknown[]) => Promise<{ changes: number }>;
  readonly get: <T>(sql: string, params?: readonly unknown[]) => Promise<T | undefined>;
  readonly all: <T>(sql: string, params?: readonly unknown[]) => Promise<T[]>;
  readonly prepare: (sql: string) => PreparedSql;
  /**
   * A number that changes whenever another connection has committed to the database since the last
   * call (SQLite's `PRAGMA data_version`), for caching what changes only with a write: offered by
   * read-only connections, absent where the database cannot tell cheaply (PostgreSQL: read afresh).
   */
  readonly changeCounter?: () => number;
  /**
   * Runs `work`'s reads in one read transaction: one snapshot for all of them, and one transaction's
   * cost instead of one per statement (SQLite's read lock: 6–10 µs each on the 2-core machine).
   * Offered by SQLite's reader, on a connection of its own; `readTogether` falls back to plain
   * statements where it is absent. `work` only reads: it may be run a second time (see sqliteReader).
   */
  readonly snapshot?: <T>(work: (db: SqlDb) => Promise<T>) => Promise<T>;
}

/** `work`'s reads in one snapshot where the reader offers one, else as they come; `work` may run twice. */
export const readTogether = <T>(db: SqlDb, work: (db: SqlDb) => Promise<T>): Promise<T> =>
  db.snapshot ? db.snapshot(work) : work(db);

/** A SqlDb that can also run a unit of work atomically. */
export interface TransactionalSqlDb extends SqlDb {
  readonly transaction: <T>(work: (tx: SqlDb) => Promise<T>) => Promise<T>;
}
