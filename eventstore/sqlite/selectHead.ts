import type { Database } from 'better-sqlite3';
import { GENESIS_HASH } from '../hashChain.js';

/** Last position and hash of the log: where the next append links its chain. */
export const prepareSelectHead = (db: Database) => {
  const stmt = db.prepare('SELECT position, hash FROM events ORDER BY position DESC LIMIT 1');
  return (): { position: number; hash: string } =>
    (stmt.get() as { position: number; hash: string } | undefined) ?? { position: 0, hash: GENESIS_HASH };
};
