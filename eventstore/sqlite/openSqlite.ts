import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createMutex, type Mutex } from '../mutex.js';
import { gatedMutex } from '../threadGate.js';
import { startWalCheckpointer, type WalCheckpointerOptions } from './walCheckpointer.js';

/**
 * One SQLite connection with the file's single in-process write lock. The event store's connection
 * commits with synchronous=FULL and is the log's alone; read models write through a sibling
 * (openSqliteSibling) that shares the lock, so the two never meet SQLITE_BUSY.
 */
export interface SqliteConnection {
  readonly db: Database.Database;
  readonly writeLock: Mutex;
  readonly path: string;
  /** Stops the background checkpointer (if any) and closes the connection. */
  readonly close: () => Promise<void>;
}

export interface OpenSqliteOptions {
  /** Checkpoint the WAL from a worker thread instead of on commits (the long-running platform does); tests tune it. */
  readonly backgroundCheckpoints?: boolean | Omit<WalCheckpointerOptions, 'onBehind'>;
  /** Shared with another thread that writes the file (the projection worker): see gatedMutex. */
  readonly writeGate?: Int32Array;
  /** FULL unless said: the log's durability (DESIGN §3). A connection writing only read models may say NORMAL. */
  readonly synchronous?: 'FULL' | 'NORMAL';
}

/** Settings every connection to the file shares; `synchronous` is the connection's own. */
const tune = (db: Database.Database, synchronous: 'FULL' | 'NORMAL') => {
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  // Another process (a CLI sweeper, say) may hold the write lock for a moment.
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = OFF');
  // 16 MB: read queries have their own connection, and the writer's hot pages (stream heads, index
  // tops, checkpoints) fit; 64 MB measured no faster for commands or rebuilds but cost 50 MB of RSS.
  db.pragma('cache_size = -16384');
  db.pragma('temp_store = MEMORY');
  // A rewound WAL keeps its largest size on disk unless trimmed.
  db.pragma('journal_size_limit = 67108864');
};

export const openSqlite = (path: string, options: OpenSqliteOptions = {}): SqliteConnection => {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // Durable: an append that returned survives kill -9 and power loss (DESIGN §3).
  tune(db, options.synchronous ?? 'FULL');
  const writeLock = options.writeGate ? gatedMutex(createMutex(), options.writeGate) : createMutex();
  let finishing = false;
  // The worker fell behind a writer that never pauses: copy the rest under the write lock (PASSIVE
  // never waits; busy means the worker is at it, and it will ask again).
  const finishCheckpoint = () => {
    if (finishing) return;
    finishing = true;
    void writeLock.run(() => {
      finishing = false;
      try {
        if (db.open) db.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // Locked by another process's checkpoint: the worker will ask again.
      }
    });
  };
  const tuning = typeof options.backgroundCheckpoints === 'object' ? options.backgroundCheckpoints : {};
  const checkpointer =
    options.backgroundCheckpoints && path !== ':memory:'
      ? startWalCheckpointer(path, { ...tuning, onBehind: finishCheckpoint })
      : undefined;
  if (checkpointer) db.pragma('wal_autocheckpoint = 0');
  return {
    db,
    writeLock,
    path,
    close: async () => {
      await checkpointer?.stop();
      if (db.open) db.close();
    },
  };
};

/**
 * A second connection to the file of `of`, tuned alike and under the same write lock, with a
 * durability of its own: read models commit with synchronous=NORMAL there (they are re-derived from
 * the durable log), while the log's connection stays FULL whatever its siblings do.
 */
export const openSqliteSibling = (
  of: SqliteConnection,
  options: { synchronous: 'FULL' | 'NORMAL' },
): SqliteConnection => {
  if (of.path === ':memory:') throw new Error('an in-memory database has no second connection');
  const db = new Database(of.path, { fileMustExist: true });
  tune(db, options.synchronous);
  // Whoever checkpoints the first (a worker, or SQLite on its commits) checkpoints for both.
  db.pragma(`wal_autocheckpoint = ${Number(of.db.pragma('wal_autocheckpoint', { simple: true }))}`);
  return {
    db,
    writeLock: of.writeLock,
    path: of.path,
    close: async () => {
      if (db.open) db.close();
    },
  };
};
