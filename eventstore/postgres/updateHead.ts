import type { Queryable } from './queryable.js';
import type { ChainHead } from '../hashChain.js';

/** Moves the chain's tip; in the same transaction as the events it covers. */
export const updateHead = async (db: Queryable, head: ChainHead): Promise<void> => {
  await db.query('UPDATE events_head SET position = $1, hash = $2 WHERE id = 1', [head.position, head.hash]);
};
