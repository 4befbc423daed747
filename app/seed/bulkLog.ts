import { closeSync, existsSync, fsyncSync, openSync } from 'node:fs';
import type { AppPlatform, Platform } from '../platform.js';

const embeddedLog = (p: AppPlatform): p is Platform => p.logKind === 'sqlite' && 'connection' in p;

/** Forces a file's written pages to the disk. */
const syncFile = (path: string) => {
  if (!existsSync(path)) return;
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
};

/**
 * A bulk seed's log on SQLite commits without waiting for the disk (synchronous=OFF) instead of an fsync
 * for each of its tens of thousands of rounds: an interrupted seed is started again into an empty data
 * directory either way (the seed refuses a store that is not empty), so only the finished log must be
 * durable. The function returned puts the connection back to synchronous=FULL and syncs the WAL and the
 * database file themselves: a checkpoint alone could stop short of the WAL's end while a reader holds an
 * older snapshot, and leave the tail unsynced. The events are the same, byte for byte; only when they
 * reach the platter changes.
 */
export const relaxLogDurability = (platform: AppPlatform): (() => Promise<void>) => {
  if (!embeddedLog(platform)) return async () => {};
  const { db, writeLock } = platform.connection;
  db.pragma('synchronous = OFF');
  return () =>
    writeLock.run(async () => {
      db.pragma('synchronous = FULL');
      if (!db.memory) for (const file of [`${db.name}-wal`, db.name]) syncFile(file);
      db.pragma('wal_checkpoint(PASSIVE)');
    });
};

/** The read-model connection's page cache, and the events per transaction, while a bulk seed rebuilds. */
const REBUILD_CACHE_KB = 256 * 1024;
const REBUILD_BATCH = 50_000;

/**
 * A bulk seed's rebuild of its read models: 50,000 events per transaction instead of 10,000, with a
 * 256 MB page cache on the read-model connection instead of 16 MB. A million events replay into
 * tables far larger than 16 MB: each index page evicted before its next update is read back from the
 * OS, and each commit writes every page its batch dirtied, the hot ones (totals, scorecards) again
 * and again. On the 1,000-partner seed's store (`prm rebuild`, 1,142,751 events) it took 59.2 s, where
 * the server's settings took 114.8 and 119.8 s (the cache alone: 94.5 and 104.7 s; the batch alone: 77.1
 * s), at a peak RSS of 769 MB against 363 MB. A server keeps its settings: memory matters there for
 * longer than a seed.
 */
export const bulkRebuild = async (platform: AppPlatform, onProgress: (done: number, total: number) => void) => {
  const rebuild = () => platform.runner.rebuild(undefined, onProgress, { batchSize: REBUILD_BATCH });
  if (!('connection' in platform)) return rebuild();
  const { writeDb } = platform as Platform;
  const before = await writeDb.get<{ cache_size: number }>('PRAGMA cache_size');
  await writeDb.run(`PRAGMA cache_size = -${REBUILD_CACHE_KB}`);
  try {
    await rebuild();
  } finally {
    await writeDb.run(`PRAGMA cache_size = ${before?.cache_size ?? -16384}`);
  }
};
