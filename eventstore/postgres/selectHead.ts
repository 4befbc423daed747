import { GENESIS_HASH, type ChainHead } from '../hashChain.js';
import type { Queryable } from './queryable.js';

/**
 * Last position and hash of the log. `forUpdate` locks the head row until the transaction ends:
 * the serialisation point of every appender, in this process or any other.
 */
export const selectHead = async (db: Queryable, options: { forUpdate?: boolean } = {}): Promise<ChainHead> => {
  const { rows } = await db.query<{ position: string; hash: string }>(
    `SELECT position, hash FROM events_head WHERE id = 1${options.forUpdate ? ' FOR UPDATE' : ''}`,
  );
  const row = rows[0];
  return row ? { position: Number(row.position), hash: row.hash } : { position: 0, hash: GENESIS_HASH };
};
