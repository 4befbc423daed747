import type { EventFilter } from '../port.js';
import { EVENT_COLUMNS, type SqlEventRow } from '../eventRow.js';
import type { Queryable } from './queryable.js';

/** A page of the global log after a position, optionally filtered by type and stream prefix. */
export const selectAllEvents = async (
  db: Queryable,
  after: number,
  limit: number,
  filter?: EventFilter,
): Promise<SqlEventRow<string>[]> => {
  const params: unknown[] = [after];
  const where = ['position > $1'];
  if (filter?.types?.length) {
    params.push(filter.types);
    where.push(`type = ANY($${params.length}::text[])`);
  }
  if (filter?.streamPrefix !== undefined) {
    params.push(filter.streamPrefix);
    // starts_with, not LIKE: a prefix containing % or _ must match literally.
    where.push(`starts_with(stream_id, $${params.length})`);
  }
  params.push(limit);
  const { rows } = await db.query<SqlEventRow<string>>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position ASC LIMIT $${params.length}`,
    params,
  );
  return rows;
};
