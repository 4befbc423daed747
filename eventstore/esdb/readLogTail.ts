import { END, type EventStoreDBClient, type Position } from '@eventstore/db-client';
import { GENESIS_HASH } from '../hashChain.js';
import { readAllPage } from './readAllPage.js';

export interface LogTail {
  readonly position: number;
  readonly hash: string;
  /** ESDB's position of that event; undefined for an empty log. */
  readonly at?: Position;
}

const PAGE = 100;

/**
 * The last event this adapter wrote, found by reading $all backwards from its end, past any
 * system events (links written by ESDB's projections, stats) and other applications' events.
 */
export const readLogTail = async (client: EventStoreDBClient): Promise<LogTail> => {
  let from: Position | typeof END = END;
  for (;;) {
    const page = await readAllPage(client, from, 'backwards', PAGE);
    for (const r of page) if (r.stored) return { position: r.stored.position, hash: r.stored.hash, at: r.at };
    if (page.length < PAGE) return { position: 0, hash: GENESIS_HASH };
    // Resume at the page's last event; whether ESDB repeats it or not, it is skipped as not ours or already seen.
    from = page[page.length - 1].at;
  }
};
