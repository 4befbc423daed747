import type { Queryable } from './queryable.js';

export interface InsertEventRow {
  readonly position: number;
  readonly version: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** JSON text, stored as is. */
  readonly data: string;
  readonly metadata: string;
  readonly hash: string;
}

/** Inserts one append's events into one stream with a single statement (unnest of column arrays). */
export const insertEvents = async (db: Queryable, streamId: string, recordedAt: string, rows: readonly InsertEventRow[]): Promise<void> => {
  await db.query(
    `INSERT INTO events (position, stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, hash)
     SELECT u.position, $1, u.version, u.event_id, u.type, u.schema_version, u.data, u.metadata, $2, u.hash
     FROM unnest($3::bigint[], $4::integer[], $5::text[], $6::text[], $7::integer[], $8::text[], $9::text[], $10::text[])
       AS u(position, version, event_id, type, schema_version, data, metadata, hash)`,
    [
      streamId,
      recordedAt,
      rows.map((r) => r.position),
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
