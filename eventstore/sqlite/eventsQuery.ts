import { EVENT_COLUMNS } from '../eventRow.js';
import type { StoredEventsQuery } from '../storedLog.js';

/**
 * The SQL behind an audit query of stored events: log order after a position, each filter backed by
 * an index — (type, position), (json actor id, position) (SQLite's json_extract: the expression must
 * match migration 0500 exactly), (stream_id, version), recorded_at.
 */
export const eventsQuery = (f: StoredEventsQuery): { sql: string; params: unknown[] } => {
  const where = ['position > ?'];
  const params: unknown[] = [f.after];
  const filter = (condition: string, ...values: unknown[]) => {
    where.push(condition);
    params.push(...values);
  };
  if (f.streamId) filter('stream_id = ?', f.streamId);
  if (f.types?.length) filter(`type IN (${f.types.map(() => '?').join(', ')})`, ...f.types);
  if (f.actorId) filter(`json_extract(metadata, '$.actor.id') = ?`, f.actorId);
  if (f.from) filter('recorded_at >= ?', f.from);
  if (f.to) filter('recorded_at <= ?', f.to);
  const sql = `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`;
  return { sql, params: [...params, f.limit] };
};
