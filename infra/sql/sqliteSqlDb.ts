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

/**
 * Statements on `db`; with `answers`, reads answer from them when the same question was asked before,
 * and `beforeRead` is told before a read the answers could not give runs.
 */
export const sqliteStatements = (db: Database, answers?: SnapshotAnswers, beforeRead?: () => void): SqlDb => {
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
  const get = <T>(sql: string, params: readonly unknown[]) => {
    beforeRead?.();
    return statement(sql).get(bind(params)) as T | undefined;
  };
  const all = <T>(sql: string, params: readonly unknown[]) => {
    beforeRead?.();
    return statement(sql).all(bind(params)) as T[];
  };
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
 * commit costs no statement. Then it needs no read transaction either, which costs two file-lock
 * system calls (about 14% of a by-id read over HTTP): snapshots asked for in the same turn of the event
 * loop learn the database's version from one `PRAGMA data_version` read after all of them were asked
 * (so no answer is older than its request), and a snapshot opens its transaction only when a read misses.
 * Should a commit have come between the version and that transaction, the work runs again in a
 * transaction of its own: a snapshot's work reads and decides nothing else, and may run twice.
 */
export const sqliteReader = (db: Database, snapshotDb: Database, answerRows = DEFAULT_ANSWER_ROWS): SqlDb => {
  const shared = sqliteStatements(db);
  // Only a read-only connection's data_version tells every commit (see sqliteStatements).
  const answers = answerRows > 0 && snapshotDb.readonly ? snapshotAnswers(answerRows) : undefined;
  const begin = snapshotDb.prepare('BEGIN');
  const commit = snapshotDb.prepare('COMMIT');
  let open = false;
  /** The version the open snapshot's answers are of; the transaction, once begun, may be of a later one. */
  let answeredAt: number | undefined;
  let mixed = false;
  const beginOnce = () => {
    if (!open || snapshotDb.inTransaction) return;
    begin.run();
    if (!answers || version === undefined) return;
    const at = version();
    if (at === answeredAt) return;
    mixed = answeredAt !== undefined;
    answeredAt = at;
    answers.at(at);
  };
  const statements = sqliteStatements(snapshotDb, answers, beginOnce);
  const version = statements.changeCounter;
  // Inside a snapshot the version is the one its answers and rows are of: telling it reads nothing.
  const together: SqlDb = version
    ? { ...statements, changeCounter: () => (answeredAt !== undefined ? answeredAt : version()) }
    : statements;
  const run = async <T>(work: (db: SqlDb) => Promise<T>, at: number | undefined) => {
    open = true;
    answeredAt = at;
    mixed = false;
    if (at === undefined) beginOnce();
    else answers?.at(at);
    try {
      return await work(together);
    } finally {
      if (snapshotDb.inTransaction) commit.run();
      open = false;
    }
  };
  // Answers of one version, rows of a later one: read it all again, in one transaction.
  const runChecked = async <T>(work: (db: SqlDb) => Promise<T>, at: number | undefined) => {
    const result = await run(work, at);
    return mixed ? run(work, undefined) : result;
  };
  /**
   * Snapshots asked for and not yet run: they run one after another once the version is read, after
   * the last of them was asked for (each work's reads resolve at once, so in parallel they would
   * interleave and find the connection open). Those asked for meanwhile wait for the next reading.
   */
  let waiting: { work: (db: SqlDb) => Promise<unknown>; done: (outcome: Promise<unknown>) => void }[] = [];
  let draining = false;
  const drain = async () => {
    if (draining) return;
    draining = true;
    try {
      while (waiting.length > 0) {
        const turn = waiting;
        waiting = [];
        let at: number | undefined;
        try {
          // Inside an open snapshot the read would be of its instant, not the latest: no shortcut then.
          at = version === undefined || snapshotDb.inTransaction ? undefined : version();
        } catch (error) {
          for (const w of turn) w.done(Promise.reject(error));
          continue;
        }
        for (const w of turn) {
          const outcome = runChecked(w.work, at);
          w.done(outcome);
          await outcome.catch(() => undefined);
          // A snapshot that found a later version read its answers again there: the next start from it.
          at = answeredAt;
        }
      }
    } finally {
      draining = false;
    }
  };
  return {
    ...shared,
    snapshot: (work) => {
      if (open) return work(shared);
      if (!answers) return run(work, undefined);
      return new Promise((resolve) => {
        if (waiting.length === 0 && !draining) setImmediate(drain);
        waiting.push({ work, done: resolve as (outcome: Promise<unknown>) => void });
      });
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
