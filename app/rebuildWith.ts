import { OperatorError } from './operatorError.js';
import type { AppPlatform, Platform } from './platform.js';

/** How a rebuild may trade memory for time; unset, the runner's (50,000 events per transaction, 16 MB). */
export interface RebuildSettings {
  /** Events per transaction. */
  readonly batchSize?: number;
  /** Page cache of the read-model connection during the rebuild, in MB (embedded SQLite only). */
  readonly cacheMb?: number;
}

/** A bulk seed's settings (`prm seed`): its memory is given back when it ends. */
export const BULK_REBUILD: RebuildSettings = { batchSize: 50_000, cacheMb: 256 };

const embedded = (p: AppPlatform): p is Platform => 'connection' in p;

/**
 * Clears the read models (of the named projections, or all) and replays the log into them, with larger
 * transactions and page cache when asked. At a million events both decide the time: in tables far
 * larger than 16 MB, each index page evicted before its next update is read back from the OS, and each
 * commit writes every page its batch dirtied, the hot ones (totals, scorecards) again and again.
 * `prm rebuild` of the 1,000-partner seed's store
 * (1,142,751 events): 114.8 and 119.8 s with the server's settings (peak RSS 363 MB), 94.5 and 104.7 s
 * with 256 MB alone, 77.1 s with 50,000 events alone, 59.2 s with both (769 MB). The cache is put
 * back afterwards: a server's memory matters for longer than a rebuild.
 */
export const rebuildWith = async (
  platform: AppPlatform,
  settings: RebuildSettings,
  onProgress?: (done: number, total: number) => void,
  projections?: readonly string[],
) => {
  const rebuild = () => platform.runner.rebuild(projections, onProgress, { batchSize: settings.batchSize });
  if (settings.cacheMb === undefined) return rebuild();
  if (!embedded(platform))
    throw new OperatorError('--cache-mb applies to the embedded SQLite store, not to PostgreSQL');
  const { writeDb } = platform;
  const before = await writeDb.get<{ cache_size: number }>('PRAGMA cache_size');
  await writeDb.run(`PRAGMA cache_size = -${settings.cacheMb * 1024}`);
  try {
    await rebuild();
  } finally {
    await writeDb.run(`PRAGMA cache_size = ${before?.cache_size ?? -16384}`);
  }
};
