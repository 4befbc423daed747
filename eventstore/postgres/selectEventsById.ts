import type { EventLocation } from '../originalResult.js';
import type { Queryable } from './queryable.js';

/** Where each of the given event ids is stored, if anywhere: one round trip for a whole batch. */
export const selectEventsById = async (
  db: Queryable,
  eventIds: readonly string[],
): Promise<Map<string, EventLocation>> => {
  const { rows } = await db.query<{ event_id: string; stream_id: string; version: number; position: string }>(
    'SELECT event_id, stream_id, version, position FROM events WHERE event_id = ANY($1::text[])',
    [eventIds],
  );
  return new Map(
    rows.map((r) => [r.event_id, { streamId: r.stream_id, version: r.version, position: Number(r.position) }]),
  );
};
