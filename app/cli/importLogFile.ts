import type { ImportReport } from '../../eventstore/exportImport/importLog.js';
import { readableEvent } from '../../eventstore/exportImport/readableEvent.js';
import { readLines } from '../../eventstore/exportImport/readLines.js';
import type { AppPlatform } from '../platform.js';

/**
 * `prm import`: the file's events into the platform's log (SQLite or PostgreSQL), verified and all or
 * nothing (see importLines), then every read model rebuilt from the imported log.
 */
export const importLogFile = async (
  platform: AppPlatform,
  file: string,
  progress: { imported?: (n: number) => void; rebuilt?: (done: number, total: number) => void } = {},
): Promise<ImportReport> => {
  const report = await platform.importLog(readLines(file), {
    checkEvent: readableEvent(platform.registry),
    onProgress: progress.imported,
  });
  await platform.runner.rebuild(undefined, progress.rebuilt);
  return report;
};
