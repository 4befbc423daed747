import Database from 'better-sqlite3';
import { messageOf } from '../messageOf.js';
import { AnalyticsQueryRefused, WRITES_REFUSED, type AnalyticsRows, type AnalyticsSource } from './analyticsSource.js';

/**
 * Queries on a connection of their own, opened read-only with `query_only`: SQLite's own judgement
 * (`sqlite3_stmt_readonly`) refuses a write before it runs, and the iteration reads one WAL snapshot
 * however long the export takes, without holding up the server's reader connection.
 */
export const sqliteAnalyticsSource = (file: string): AnalyticsSource => ({
  dialect: 'sqlite',
  query: async (sql, params = [], batchSize = 500): Promise<AnalyticsRows> => {
    let db: Database.Database;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
    } catch (e) {
      throw new AnalyticsQueryRefused('unavailable', `cannot open ${file}: ${messageOf(e)}`);
    }
    db.pragma('busy_timeout = 10000');
    db.pragma('query_only = ON');
    // An analyst's join walks an index and revisits each table page many times; with SQLite's default
    // 2 MB cache every revisit went back to the OS (the per-partner median over 162k registrations: 496
    // ms, 280 ms with 64 MB). The cache grows only with the pages a query touches and goes with the connection.
    db.pragma('cache_size = -65536');
    const refuse = (reason: AnalyticsQueryRefused['reason'], message: string): never => {
      db.close();
      throw new AnalyticsQueryRefused(reason, message);
    };
    let stmt: Database.Statement;
    try {
      stmt = db.prepare(sql);
    } catch (e) {
      return refuse('invalid', messageOf(e));
    }
    if (!stmt.readonly) refuse('writes', WRITES_REFUSED);
    if (!stmt.reader) refuse('not_a_query', 'not a query: the statement returns no rows');
    const columns = stmt.columns().map((c) => c.name);
    let rows: IterableIterator<unknown[]>;
    try {
      rows = stmt.raw(true).iterate(...params) as IterableIterator<unknown[]>;
    } catch (e) {
      return refuse('invalid', messageOf(e));
    }
    let open = true;
    const close = async () => {
      if (!open) return;
      open = false;
      rows.return?.();
      db.close();
    };
    async function* batches() {
      try {
        let batch: unknown[][] = [];
        for (const row of rows) {
          batch.push(row);
          if (batch.length < batchSize) continue;
          yield batch;
          batch = [];
        }
        if (batch.length) yield batch;
      } finally {
        await close();
      }
    }
    return { columns, batches: batches(), close };
  },
});
