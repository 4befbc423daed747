/**
 * The small SQL surface projections write through: portable statements with `?` placeholders,
 * executed inside the runner's transaction. Adapters: SQLite (sync underneath), PostgreSQL.
 */
export interface SqlDb {
  readonly run: (sql: string, params?: readonly unknown[]) => Promise<{ changes: number }>;
  readonly get: <T>(sql: string, params?: readonly unknown[]) => Promise<T | undefined>;
  readonly all: <T>(sql: string, params?: readonly unknown[]) => Promise<T[]>;
}

/** A SqlDb that can also run a unit of work atomically. */
export interface TransactionalSqlDb extends SqlDb {
  readonly transaction: <T>(work: (tx: SqlDb) => Promise<T>) => Promise<T>;
}
