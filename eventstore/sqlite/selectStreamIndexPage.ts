import type { Database } from 'better-sqlite3';

export interface StreamIndexRow {
  stream_id: string;
  version: number;
  position: number;
}

/** A page of (stream, version, position) after a (stream, version) key, read from the unique index alone. */
export const prepareSelectStreamIndexPage = (db: Database) => {
  const stmt = db.prepare(
    `SELECT stream_id, version, position FROM events WHERE (stream_id, version) > (?, ?)
     ORDER BY stream_id, version LIMIT ?`,
  );
  return (afterStream: string, afterVersion: number, limit: number): StreamIndexRow[] =>
    stmt.all(afterStream, afterVersion, limit) as StreamIndexRow[];
};
