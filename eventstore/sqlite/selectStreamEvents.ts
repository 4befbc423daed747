import type { Database } from 'better-sqlite3';
import { EVENT_COLUMNS, type SqlEventRow } from '../eventRow.js';

export const prepareSelectStreamEvents = (db: Database) => {
  const forwards = db.prepare(
    `SELECT ${EVENT_COLUMNS} FROM events ` +
      'WHERE stream_id = ? AND version >= ? AND version <= ? ORDER BY version ASC LIMIT ?',
  );
  const backwards = db.prepare(
    `SELECT ${EVENT_COLUMNS} FROM events ` +
      'WHERE stream_id = ? AND version <= ? AND version >= ? ORDER BY version DESC LIMIT ?',
  );
  return (
    streamId: string,
    from: number,
    to: number,
    direction: 'forwards' | 'backwards',
    limit: number,
  ): SqlEventRow[] =>
    (direction === 'forwards'
      ? forwards.all(streamId, from, to, limit)
      : backwards.all(streamId, from, to, limit)) as SqlEventRow[];
};
