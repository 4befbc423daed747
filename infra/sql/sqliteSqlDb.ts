import type { Database, Statement } from 'better-sqlite3';
import type { SqliteConnection } from '../../eventstore/sqlite/openSqlite.js';
import type { SqlDb, TransactionalSqlDb } from './sqlDb.js';

/** Booleans become 0/1 so that the same statements work on SQLite and PostgreSQL integer columns. */
const bind = (params: readonly unknown[]) => params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));

export const sqliteStatements = (db: Database): SqlDb => {
  const cache = new Map<string, Statement>();
  const prepare = (sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  };
  return {
    run: async (sql, params = []) => ({ changes: prepare(sql).run(...bind(params)).changes }),
    get: async <T>(sql: string, params: readonly unknown[] = []) => prepare(sql).get(...bind(params)) as T | undefined,
    all: async <T>(sql: string, params: readonly unknown[] = []) => prepare(sql).all(...bind(params)) as T[],
  };
};

/**
 * Read-model writes on the shared SQLite connection. Transactions take the connection's write lock and
 * commit with synchronous=NORMAL: read models are rebuilt from the durable log, and the checkpoint
 * commits atomically with the writes, so a lost tail is simply replayed.
 */
export const sqliteSqlDb = (connection: SqliteConnection): TransactionalSqlDb => {
  const statements = sqliteStatements(connection.db);
  const { db } = connection;
  return {
    ...statements,
    transaction: (work) =>
      connection.writeLock.run(async () => {
        db.pragma('synchronous = NORMAL');
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(statements);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        } finally {
          db.pragma('synchronous = FULL');
        }
      }),
  };
};
