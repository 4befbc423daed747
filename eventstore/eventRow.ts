import type { StoredEvent } from './port.js';

/**
 * An `events` row as a SQL driver returns it; `P` is how the position arrives (SQLite: a number,
 * node-postgres: bigint as a string). `data` and `metadata` are the stored JSON text.
 */
export interface SqlEventRow<P extends number | string = number> {
  position: P;
  stream_id: string;
  version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: string;
  hash: string;
}

export const EVENT_COLUMNS =
  'position, stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, hash';

/** The envelope of a row, for every SQL adapter. */
export const rowToEvent = (row: SqlEventRow<number | string>): StoredEvent => ({
  position: Number(row.position),
  streamId: row.stream_id,
  version: row.version,
  eventId: row.event_id,
  type: row.type,
  schemaVersion: row.schema_version,
  data: JSON.parse(row.data),
  metadata: JSON.parse(row.metadata),
  recordedAt: row.recorded_at,
  hash: row.hash,
});
