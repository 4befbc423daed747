import type { Pool, QueryResult, QueryResultRow } from 'pg';
import { EVENT_COLUMNS, type SqlEventRow } from '../eventRow.js';
import { GENESIS_HASH } from '../hashChain.js';
import type { RawEvent, RawLogSource } from '../verifyReport.js';
import type { Queryable } from './queryable.js';

const PAGE = 1000;

/** A stored row as auditors read it: body and metadata as their stored JSON text. */
export const rawEventOf = (r: SqlEventRow<number | string>): RawEvent => ({
  position: Number(r.position),
  streamId: r.stream_id,
  version: r.version,
  eventId: r.event_id,
  type: r.type,
  schemaVersion: r.schema_version,
  data: r.data,
  metadata: r.metadata,
  recordedAt: r.recorded_at,
  hash: r.hash,
});

/** The stored log page by page, exactly as stored, through one connection (a snapshot: see openPostgresSnapshot). */
export const postgresRawLog = (client: Queryable): RawLogSource => ({
  // The last stored row, as on SQLite: events_head is the appenders' lock, not evidence.
  head: async () => {
    const { rows } = await client.query<{ position: string; hash: string }>(
      'SELECT position, hash FROM events ORDER BY position DESC LIMIT 1',
    );
    return rows[0] ? { position: Number(rows[0].position), hash: rows[0].hash } : { position: 0, hash: GENESIS_HASH };
  },
  events: async function* (after) {
    for (;;) {
      const { rows } = await client.query<SqlEventRow<string>>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`,
        [after, PAGE],
      );
      for (const row of rows) yield rawEventOf(row);
      if (rows.length < PAGE) return;
      after = Number(rows[rows.length - 1].position);
    }
  },
  streamIndex: async function* () {
    let stream = '';
    let version = 0;
    for (;;) {
      const { rows } = await client.query<{ stream_id: string; version: number; position: string }>(
        `SELECT stream_id, version, position FROM events WHERE (stream_id, version) > ($1, $2)
         ORDER BY stream_id, version LIMIT $3`,
        [stream, version, PAGE],
      );
      for (const r of rows) yield { streamId: r.stream_id, version: r.version, position: Number(r.position) };
      if (rows.length < PAGE) return;
      ({ stream_id: stream, version } = rows[rows.length - 1]);
    }
  },
});

/**
 * A connection of its own holding one repeatable-read, read-only transaction: everything read through
 * it sees the log as it was at its first statement, however long verify or export take, while
 * appends carry on. `close` ends the transaction and returns the connection; safe to call twice.
 */
export const openPostgresSnapshot = async (pool: Pool) => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  let closed = false;
  const snapshot = {
    /** Refuses once closed: the connection is back in the pool by then, maybe serving someone else. */
    query: <R extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>> =>
      closed ? Promise.reject(new Error('the snapshot is closed')) : client.query<R>(text, values),
    close: () => {
      if (closed) return;
      closed = true;
      client.query('COMMIT').then(
        () => client.release(),
        (error: Error) => client.release(error),
      );
    },
  };
  return snapshot;
};
