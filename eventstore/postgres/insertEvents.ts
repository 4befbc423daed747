import type { Queryable } from './queryable.js';

export interface InsertEventRow {
  readonly position: number;
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** JSON text, stored as is. */
  readonly data: string;
  readonly metadata: string;
  readonly hash: string;
}

/** Inserts any number of events, of any streams, with one statement (unnest of column arrays). */
export const insertEvents = async (db: Queryable, recordedAt: string, rows: readonly InsertEventRow[]): Promise<void> => {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO events (position, stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, hash)
     SELECT u.position, u.stream_id, u.version, u.event_id, u.type, u.schema_version, u.data, u.metadata, $1, u.hash
     FROM unnest($2::bigint[], $3::text[], $4::integer[], $5::text[], $6::text[], $7::integer[], $8::text[], $9::text[], $10::text[])
       AS u(position, stream_id, version, event_id, type, schema_version, data, metadata, hash)`,
    [
      recordedAt,
      rows.map((r) => r.position),
      rows.map((r) => r.streamId),
      rows.map((r) => r.version),
      rows.map((r) => r.eventId),
      rows.map((r) => r.type),
      rows.map((r) => r.schemaVersion),
      rows.map((r) => r.data),
      rows.map((r) => r.metadata),
      rows.map((r) => r.hash),
    ],
  );
};
