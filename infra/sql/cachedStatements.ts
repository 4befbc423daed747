import type { Database, Statement } from 'better-sqlite3';

/**
 * A better-sqlite3 database for Kysely's SqliteDialect that keeps each compiled statement: Kysely's
 * driver prepares every query anew (SQLite parses and plans it again, tens of microseconds on a read
 * that takes a few), while the same routes send the same SQL text. Bounded, least recently used out
 * first; a statement still iterating (a stream) is busy, so a second caller gets a fresh one.
 */
export const cachedStatements = (db: Database, size = 500): Database => {
  const cache = new Map<string, Statement>();
  const prepare = (sql: string): Statement => {
    const found = cache.get(sql);
    if (found && !found.busy) {
      // Most recently used last: Map keeps insertion order.
      cache.delete(sql);
      cache.set(sql, found);
      return found;
    }
    const stmt = db.prepare(sql);
    if (!found) {
      cache.set(sql, stmt);
      if (cache.size > size) cache.delete(cache.keys().next().value as string);
    }
    return stmt;
  };
  return new Proxy(db, {
    get: (target, key) => {
      if (key === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, key, target);
      // Native methods must run on the database itself, not on the proxy.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
};
