import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SqliteConnection } from './openSqlite.js';

/** Free space below which the file system counts as full: a group commit's WAL frames need a few pages. */
const MIN_FREE_BYTES = 1 << 20;

/**
 * Whether the log's file may grow again, without appending anything: the file system has room, and
 * the connection can allocate pages (a table created in a transaction that is rolled back: it needs a
 * page, which `PRAGMA max_page_count` refuses like a full disk). Rejects while storage is still full.
 */
export const sqliteStorageProbe = (connection: SqliteConnection) => async (): Promise<void> => {
  const fs = statfsSync(dirname(connection.path));
  if (fs.bavail * fs.bsize < MIN_FREE_BYTES) throw new Error('the file system is still full');
  await connection.writeLock.run(() => {
    const { db } = connection;
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec('CREATE TABLE prm_storage_probe (x BLOB); INSERT INTO prm_storage_probe VALUES (zeroblob(8192))');
    } finally {
      if (db.inTransaction) db.exec('ROLLBACK');
    }
  });
};
