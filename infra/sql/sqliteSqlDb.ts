import type { Database, Statement } from 'better-sqlite3';
import { openSqliteSibling, type SqliteConnection } from '../../eventstore/sqlite/openSqlite.js';
import type { PreparedSql, SqlDb, TransactionalSqlDb } from './sqlDb.js';
import { DEFAULT_ANSWER_ROWS, snapshotAnswers, type SnapshotAnswers } from './snapshotAnswers.js';

/** Booleans become 0/1 so that the same statements work on SQLite and PostgreSQL integer columns. */
const bind = (params: readonly unknown[]) => {
  for (const p of params)
    if (typeof p === 'boolean') return params.map((q) => (typeof q === 'boolean' ? (q ? 1 : 0) : q));
  return params;
};

const prepared = (stmt: Statement): PreparedSql => ({
  run: async (params) => stmt.run(bind(params)).changes,
  get: async <T>(params: readonly unknown[]) => stmt.get(bind(params)) as T | undefined,
  all: async <T>(params: readonly unknown[]) => stmt.all(bind(params)) as T[],
});

/** Statements on `db`; with `answers`, reads answer from them when the same question was asked before. */
export const sqliteStatements = (db: Database, answers?: SnapshotAnswers): SqlDb => {
  const cache = new Map<string, Statement>();
  const statement = (sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  };
  // Only a read-only connection can answer for every write: data_version ignores the connection's own.
  const dataVersion = db.readonly ? db.prepare('PRAGMA data_version').pluck() : undefined;
  const get = <T>(sql: string, params: readonly unknown[]) => statement(sql).get(bind(params)) as T | undefined;
  const all = <T>(sql: string, params: readonly unknown[]) => statement(sql).all(bind(params)) as T[];
  const ask = answers?.answer;
  return {
    run: async (sql, params = []) => ({ changes: statement(sql).run(bind(params)).changes }),
    get: ask
      ? async <T>(sql: string, params: readonly unknown[] = []) => ask(sql, params, false, () => get<T>(sql, params))
      : async <T>(sql: string, params: readonly unknown[] = []) => get<T>(sql, params),
    all: ask
      ? async <T>(sql: string, params: readonly unknown[] = []) => ask(sql, params, true, () => all<T>(sql, params))
      : async <T>(sql: string, params: readonly unknown[] = []) => all<T>(sql, params),
    prepare: (sql) => prepared(statement(sql)),
    ...(dataVersion ? { changeCounter: () => dataVersion.get() as number } : {}),
  };
};

/**
 * The read-only SqlDb the read API reads through. `snapshot` runs a route's statements inside one
 * `BEGIN … COMMIT` on a second read-only connection kept for snapshots, never on the shared one: a
 * snapshot held on the shared connection would show the other reads of the same turn a state older
 * than a projection's commit, and break read-your-writes. A snapshot asked for while one is open (an
 * interleaved request) reads through the shared connection statement by statement, as before.
 * A snapshot's reads answer from what earlier snapshots read while nothing was committed in between
 * (`snapshotAnswers`, at most `answerRows` rows; 0 keeps none): a partner read again before the next
 * commit costs no statement.
 */
export const sqliteReader = (db: Database, snapshotDb: Database, answerRows = DEFAULT_ANSWER_ROWS): SqlDb => {
  const shared = sqliteStatements(db);
  // Only a read-only connection's data_version tells every commit (see sqliteStatements).
  const answers = answerRows > 0 && snapshotDb.readonly ? snapshotAnswers(answerRows) : undefined;
  const together = sqliteStatements(snapshotDb, answers);
  const begin = snapshotDb.prepare('BEGIN');
  const commit = snapshotDb.prepare('COMMIT');
  const version = together.changeCounter;
  let open = false;
  return {
    ...shared,
    snapshot: async (work) => {
      if (open) return work(shared);
      begin.run();
      open = true;
      try {
        // Read first in the snapshot, so it is the snapshot's version: it starts the read transaction.
        if (answers && version) answers.at(version());
        return await work(together);
      } finally {
        if (snapshotDb.inTransaction) commit.run();
        open = false;
      }
    },
  };
};

/**
 * Writes on one SQLite connection: transactions take the file's write lock (shared by every
 * connection of this process to the file) and run BEGIN IMMEDIATE … COMMIT with whatever durability
 * the connection has; they never change it.
 */
export const sqliteSqlDb = (connection: SqliteConnection): TransactionalSqlDb => {
  const statements = sqliteStatements(connection.db);
  const { db } = connection;
  return {
    ...statements,
    transaction: (work) =>
      connection.writeLock.run(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(statements);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      }),
  };
};

/**
 * The connection read models, policy checkpoints, idempotency records and the audit access log are
 * written through: the log's file, the log's write lock, but synchronous=NORMAL. Those rows are
 * re-derived from the durable log (or, for idempotency records, replayed by idempotent appends), and
 * each projection's checkpoint commits with its writes, so a tail lost to power failure is replayed.
 * The log's own connection stays synchronous=FULL: nothing written here can lower it.
 */
export const openReadModelConnection = (log: SqliteConnection): SqliteConnection =>
  openSqliteSibling(log, { synchronous: 'NORMAL' });
