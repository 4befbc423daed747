import type { Database } from 'better-sqlite3';
import { EVENT_COLUMNS, type SqlEventValues } from '../eventRow.js';

export const prepareSelectStreamEvents = (db: Database) => {
  // Raw rows (values in EVENT_COLUMNS order): no object per row.
  const forwards = db
    .prepare(
      `SELECT ${EVENT_COLUMNS} FROM events ` +
        'WHERE stream_id = ? AND version >= ? AND version <= ? ORDER BY version ASC LIMIT ?',
    )
    .raw();
  const backwards = db
    .prepare(
      `SELECT ${EVENT_COLUMNS} FROM events ` +
        'WHERE stream_id = ? AND version <= ? AND version >= ? ORDER BY version DESC LIMIT ?',
    )
    .raw();
  return (
    streamId: string,
    from: number,
    to: number,
    direction: 'forwards' | 'backwards',
    limit: number,
  ): SqlEventValues[] =>
    (direction === 'forwards'
      ? forwards.all(streamId, from, to, limit)
      : backwards.all(streamId, from, to, limit)) as SqlEventValues[];
};
