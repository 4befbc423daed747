import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createMutex, type Mutex } from '../mutex.js';

/** One SQLite file with its single in-process writer lock, shared by the event store and projections. */
export interface SqliteConnection {
  readonly db: Database.Database;
  readonly writeLock: Mutex;
  readonly path: string;
}

export const openSqlite = (path: string): SqliteConnection => {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // Durable: an append that returned survives kill -9 and power loss (DESIGN §3).
  db.pragma('synchronous = FULL');
  // Another process (a CLI sweeper, say) may hold the write lock for a moment.
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  return { db, writeLock: createMutex(), path };
};
