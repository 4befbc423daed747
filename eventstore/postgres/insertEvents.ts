import type { StoredEvent } from '../port.js';
import type { Queryable } from './queryable.js';

/**
 * Inserts any number of events, of any streams, recorded at the same instant, with one statement
 * (unnest of column arrays).
 */
export const insertEvents = async (
  db: Queryable,
  recordedAt: string,
  events: readonly StoredEvent[],
): Promise<void> => {
  if (events.length === 0) return;
  await db.query(
    `INSERT INTO events
       (position, stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, hash)
     SELECT u.position, u.stream_id, u.version, u.event_id, u.type, u.schema_version, u.data, u.metadata, $1, u.hash
     FROM unnest($2::bigint[], $3::text[], $4::integer[], $5::text[], $6::text[], $7::integer[],
                 $8::text[], $9::text[], $10::text[])
       AS u(position, stream_id, version, event_id, type, schema_version, data, metadata, hash)`,
    [
      recordedAt,
      events.map((e) => e.position),
      events.map((e) => e.streamId),
      events.map((e) => e.version),
      events.map((e) => e.eventId),
      events.map((e) => e.type),
      events.map((e) => e.schemaVersion),
      // JSON text, stored as is.
      events.map((e) => JSON.stringify(e.data)),
      events.map((e) => JSON.stringify(e.metadata)),
      events.map((e) => e.hash),
    ],
  );
};
