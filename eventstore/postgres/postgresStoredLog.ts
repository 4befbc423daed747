import type { Pool } from 'pg';
import { EVENT_COLUMNS, type SqlEventRow } from '../eventRow.js';
import { exportLines } from '../exportImport/exportLog.js';
import type { StoredEventsQuery, StoredLog } from '../storedLog.js';
import { verifyLog } from '../verifyLog.js';
import { openPostgresSnapshot, postgresRawLog, rawEventOf } from './postgresRawLog.js';

/**
 * The SQL of an audit query on PostgreSQL, each filter backed by an index as on SQLite: (type,
 * position), (actor id, position) over the expression migration postgres/0500 indexes, (stream_id,
 * version), recorded_at.
 */
const storedEventsQuery = (f: StoredEventsQuery): { text: string; values: unknown[] } => {
  const values: unknown[] = [f.after];
  const where = ['position > $1'];
  const filter = (condition: (n: string) => string, value: unknown) => {
    values.push(value);
    where.push(condition(`$${values.length}`));
  };
  if (f.streamId) filter((n) => `stream_id = ${n}`, f.streamId);
  if (f.types?.length) filter((n) => `type = ANY(${n}::text[])`, f.types);
  if (f.actorId) filter((n) => `(metadata::jsonb #>> '{actor,id}') = ${n}`, f.actorId);
  if (f.from) filter((n) => `recorded_at >= ${n}`, f.from);
  if (f.to) filter((n) => `recorded_at <= ${n}`, f.to);
  values.push(f.limit);
  return {
    text: `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT $${values.length}`,
    values,
  };
};

const STREAM = `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND version > $2 ORDER BY version LIMIT $3`;

/** The audit port over a PostgreSQL log: queries on the pool, verify and export each from a snapshot of their own. */
export const postgresStoredLog = (pool: Pool): StoredLog => ({
  events: async (query) => (await pool.query<SqlEventRow<string>>(storedEventsQuery(query))).rows.map(rawEventOf),
  streamEvents: async (streamId, afterVersion, limit) =>
    (await pool.query<SqlEventRow<string>>(STREAM, [streamId, afterVersion, limit])).rows.map(rawEventOf),
  verify: async (options) => {
    const snapshot = await openPostgresSnapshot(pool);
    try {
      return await verifyLog(postgresRawLog(snapshot), options);
    } finally {
      snapshot.close();
    }
  },
  export: async (options = {}) => {
    const snapshot = await openPostgresSnapshot(pool);
    try {
      const source = postgresRawLog(snapshot);
      const head = await source.head();
      async function* lines() {
        try {
          yield* exportLines(source, options);
        } finally {
          snapshot.close();
        }
      }
      return { head, lines: lines(), close: snapshot.close };
    } catch (error) {
      snapshot.close();
      throw error;
    }
  },
});
