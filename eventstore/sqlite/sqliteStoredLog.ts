import type { Database, Statement } from 'better-sqlite3';
import { EVENT_COLUMNS } from '../eventRow.js';
import type { StoredLog } from '../storedLog.js';
import type { EventRow } from './eventRow.js';
import { eventsQuery } from './eventsQuery.js';
import { exportSqliteFile } from './exportSqliteFile.js';
import { rowToRaw } from './sqliteRawLog.js';
import { verifySqliteFile } from './verifySqliteFile.js';

const STREAM = `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND version > ? ORDER BY version LIMIT ?`;

/**
 * The audit port over a SQLite file: queries through a read-only connection (`reader`), verify and
 * export through snapshots of their own, so neither waits for nor holds back the writer.
 */
export const sqliteStoredLog = (path: string, reader: Database): StoredLog => {
  const statements = new Map<string, Statement>();
  const rows = (sql: string, params: readonly unknown[]) => {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = reader.prepare(sql);
      statements.set(sql, stmt);
    }
    return (stmt.all(params) as EventRow[]).map(rowToRaw);
  };
  return {
    events: async (query) => {
      const { sql, params } = eventsQuery(query);
      return rows(sql, params);
    },
    streamEvents: async (streamId, afterVersion, limit) => rows(STREAM, [streamId, afterVersion, limit]),
    verify: (options) => verifySqliteFile(path, options),
    export: (options) => exportSqliteFile(path, options),
  };
};
