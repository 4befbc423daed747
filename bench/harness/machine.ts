import { cpus, loadavg, totalmem, platform, release } from 'node:os';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** What the figures were measured on: without it a figure means nothing. */
export const machine = () => {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    totalMemoryMb: Math.round(totalmem() / (1024 * 1024)),
    platform: `${platform()} ${release()}`,
    node: process.version,
    sqlite: sqliteVersion(),
    betterSqlite3: (require('better-sqlite3/package.json') as { version: string }).version,
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  };
};

const sqliteVersion = (): string => {
  const Database = require('better-sqlite3') as typeof import('better-sqlite3');
  const db = new Database(':memory:');
  try {
    return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  } finally {
    db.close();
  }
};
