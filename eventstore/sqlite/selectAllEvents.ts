import type { Database, Statement } from 'better-sqlite3';
import type { EventFilter } from '../port.js';
import { EVENT_COLUMNS, type SqlEventRow, type SqlEventValues } from '../eventRow.js';

/** Pages of the global log after a position, optionally filtered by type and stream prefix. */
const prepareSelectPage = <R>(db: Database, raw: boolean) => {
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
      stmt = db
        .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position ASC LIMIT ?`)
        .raw(raw);
      cache.set(key, stmt);
    }
    return stmt;
  };
  return (after: number, limit: number, filter?: EventFilter): R[] => {
    const params: unknown[] = [after, ...(filter?.types ?? [])];
    if (filter?.streamPrefix !== undefined) params.push(filter.streamPrefix.length, filter.streamPrefix);
    params.push(limit);
    return statementFor(filter).all(...params) as R[];
  };
};

/** A page of the global log as rows (objects). */
export const prepareSelectAllEvents = (db: Database) => prepareSelectPage<SqlEventRow>(db, false);
/** A page of the global log as values in `EVENT_COLUMNS` order: what the store's `readAll` reads. */
export const prepareSelectAllEventValues = (db: Database) => prepareSelectPage<SqlEventValues>(db, true);
