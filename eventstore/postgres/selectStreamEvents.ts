import { EVENT_COLUMNS, type SqlEventRow } from '../eventRow.js';
import type { Queryable } from './queryable.js';

const FORWARDS =
  `SELECT ${EVENT_COLUMNS} FROM events ` +
  'WHERE stream_id = $1 AND version >= $2 AND version <= $3 ORDER BY version ASC LIMIT $4';
const BACKWARDS =
  `SELECT ${EVENT_COLUMNS} FROM events ` +
  'WHERE stream_id = $1 AND version <= $2 AND version >= $3 ORDER BY version DESC LIMIT $4';

/** A page of one stream between two versions (inclusive), in either direction. */
export const selectStreamEvents = async (
  db: Queryable,
  streamId: string,
  from: number,
  to: number,
  direction: 'forwards' | 'backwards',
  limit: number,
): Promise<SqlEventRow<string>[]> => {
  const sql = direction === 'forwards' ? FORWARDS : BACKWARDS;
  // Versions are int4: clamp the open ends so that Number.MAX_SAFE_INTEGER does not overflow the cast.
  const clamp = (v: number) => Math.max(0, Math.min(v, 2_147_483_647));
  const { rows } = await db.query<SqlEventRow<string>>(sql, [streamId, clamp(from), clamp(to), limit]);
  return rows;
};
