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

/**
 * The same columns as values in `EVENT_COLUMNS` order: SQLite's raw rows, which build no object per
 * row (a page of the log read about 40% faster; a rebuild reads every event once).
 */
export type SqlEventValues = readonly [
  position: number,
  streamId: string,
  version: number,
  eventId: string,
  type: string,
  schemaVersion: number,
  data: string,
  metadata: string,
  recordedAt: string,
  hash: string,
];

export const valuesToEvent = (v: SqlEventValues): StoredEvent => ({
  position: v[0],
  streamId: v[1],
  version: v[2],
  eventId: v[3],
  type: v[4],
  schemaVersion: v[5],
  data: JSON.parse(v[6]),
  metadata: JSON.parse(v[7]),
  recordedAt: v[8],
  hash: v[9],
});
