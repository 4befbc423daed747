import { verifyLog, type VerifyOptions } from '../verifyLog.js';
import type { VerifyReport } from '../verifyReport.js';
import { openSnapshot } from './openSnapshot.js';
import { sqliteRawLog } from './sqliteRawLog.js';

/** Verifies the log of a SQLite file from a snapshot of its own (appends may continue meanwhile). */
export const verifySqliteFile = async (path: string, options: VerifyOptions = {}): Promise<VerifyReport> => {
  const snapshot = openSnapshot(path);
  try {
    return await verifyLog(sqliteRawLog(snapshot.db), options);
  } finally {
    snapshot.close();
  }
};
