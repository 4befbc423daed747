import { exportLines } from '../exportImport/exportLog.js';
import type { ChainPoint } from '../verifyReport.js';
import { openSnapshot } from './openSnapshot.js';
import { sqliteRawLog } from './sqliteRawLog.js';

export interface SqliteExport {
  /** The last event the export will contain (the head of the snapshot). */
  readonly head: ChainPoint;
  readonly lines: AsyncIterable<string>;
  /** Releases the snapshot; also done when the lines run out. Safe to call twice. */
  readonly close: () => void;
}

/**
 * An export of a SQLite file's log from a snapshot of its own: every line belongs to the same state of
 * the log, appends carry on meanwhile. The snapshot closes when the lines are exhausted or abandoned.
 */
export const exportSqliteFile = async (
  path: string,
  options: { after?: number; onProgress?: (position: number) => void } = {},
): Promise<SqliteExport> => {
  const snapshot = openSnapshot(path);
  try {
    const source = sqliteRawLog(snapshot.db);
    const head = await source.head();
    async function* lines() {
      try {
        yield* exportLines(source, options);
      } finally {
        snapshot.close();
      }
    }
    return { head, lines: lines(), close: snapshot.close };
  } catch (error) {
    snapshot.close();
    throw error;
  }
};
