import type { AppPlatform, Platform } from '../platform.js';

const embeddedLog = (p: AppPlatform): p is Platform => p.logKind === 'sqlite' && 'connection' in p;

/**
 * A bulk seed's log on SQLite commits without waiting for the disk (synchronous=OFF) instead of an fsync
 * for each of its tens of thousands of rounds: an interrupted seed is started again into an empty data
 * directory either way, so only the finished log must be durable. The function returned puts the
 * connection back to synchronous=FULL and checkpoints, which syncs the whole WAL to disk. The events
 * are the same, byte for byte; only when they reach the platter changes.
 */
export const relaxLogDurability = (platform: AppPlatform): (() => Promise<void>) => {
  if (!embeddedLog(platform)) return async () => {};
  const { db, writeLock } = platform.connection;
  db.pragma('synchronous = OFF');
  return () =>
    writeLock.run(async () => {
      db.pragma('synchronous = FULL');
      db.pragma('wal_checkpoint(PASSIVE)');
    });
};
