import type { Database, Statement } from 'better-sqlite3';
import type { EventFilter } from '../port.js';
import { EVENT_COLUMNS, type SqlEventRow } from '../eventRow.js';

/** A page of the global log after a position, optionally filtered by type and stream prefix. */
export const prepareSelectAllEvents = (db: Database) => {
  const cache = new Map<string, Statement<unknown[]>>();
  const statementFor = (filter: EventFilter | undefined) => {
    const types = filter?.types?.length ?? 0;
    const prefix = filter?.streamPrefix !== undefined;
    const key = `${types}:${prefix}`;
    let stmt = cache.get(key);
    if (!stmt) {
      const where = ['position > ?'];
      if (types > 0) where.push(`type IN (${Array(types).fill('?').join(',')})`);
      if (prefix) where.push('substr(stream_id, 1, ?) = ?');
      stmt = db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position ASC LIMIT ?`,
      );
      cache.set(key, stmt);
    }
    return stmt;
  };
  return (after: number, limit: number, filter?: EventFilter): SqlEventRow[] => {
    const params: unknown[] = [after, ...(filter?.types ?? [])];
    if (filter?.streamPrefix !== undefined) params.push(filter.streamPrefix.length, filter.streamPrefix);
    params.push(limit);
    return statementFor(filter).all(...params) as SqlEventRow[];
  };
};
