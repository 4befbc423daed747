import type { Database } from 'better-sqlite3';

export interface InsertEventRow {
  position: number;
  streamId: string;
  version: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: string;
  metadata: string;
  recordedAt: string;
  hash: string;
}

export const prepareInsertEvent = (db: Database) => {
  const stmt = db.prepare(
    `INSERT INTO events (position, stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, hash)
     VALUES (@position, @streamId, @version, @eventId, @type, @schemaVersion, @data, @metadata, @recordedAt, @hash)`,
  );
  return (row: InsertEventRow): void => {
    stmt.run(row);
  };
};
