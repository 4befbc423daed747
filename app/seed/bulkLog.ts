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
