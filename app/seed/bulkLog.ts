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

/** The read-model connection's page cache while a bulk seed rebuilds its read models. */
const REBUILD_CACHE_KB = 256 * 1024;

/**
 * Runs a bulk seed's rebuild with a 256 MB page cache on the read-model connection instead of its
 * 16 MB: a million events replay into tables far larger than 16 MB, and each index page evicted
 * before its next update is read back from the OS. On the 1,000-partner seed's store the rebuild took
 * 94.5 and 104.7 s against 114.8 and 119.8 s (`prm rebuild`, alternated). A server keeps the small
 * cache: its memory matters for longer than a seed.
 */
export const withRebuildCache = async <T>(platform: AppPlatform, rebuild: () => Promise<T>): Promise<T> => {
  if (!('connection' in platform)) return rebuild();
  const { writeDb } = platform as Platform;
  const before = await writeDb.get<{ cache_size: number }>('PRAGMA cache_size');
  await writeDb.run(`PRAGMA cache_size = -${REBUILD_CACHE_KB}`);
  try {
    return await rebuild();
  } finally {
    await writeDb.run(`PRAGMA cache_size = ${before?.cache_size ?? -16384}`);
  }
};
