import { START, type EventStoreDBClient, type Position, type ReadPosition } from '@eventstore/db-client';
import type { EventFilter, StoredEvent } from '../port.js';
import type { PositionIndex } from './positionIndex.js';
import { readAllPage } from './readAllPage.js';
import { readLogTail } from './readLogTail.js';

const PAGE = 500;

const matches = (e: StoredEvent, filter: EventFilter | undefined) =>
  (!filter?.types?.length || filter.types.includes(e.type)) &&
  (filter?.streamPrefix === undefined || e.streamId.startsWith(filter.streamPrefix));

/**
 * Reads our log (the events this adapter wrote, in $all order, which is position order while a
 * single writer appends one batch at a time) after one of our positions.
 */
export const createLogReader = (client: EventStoreDBClient, index: PositionIndex) => {
  const tail = async () => {
    const t = await readLogTail(client);
    if (t.at) index.note(t.position, t.at);
    return t;
  };

  /** Walks $all backwards from its end to the event at position <= target. */
  const scanBack = async (target: number): Promise<Position | undefined> => {
    let from: ReadPosition = 'end';
    for (;;) {
      const page = await readAllPage(client, from, 'backwards', PAGE);
      for (const r of page) {
        if (!r.stored) continue;
        index.note(r.stored.position, r.at);
        if (r.stored.position <= target) return r.at;
      }
      if (page.length < PAGE) return undefined;
      from = page[page.length - 1].at;
    }
  };

  /** Where in $all to start so as to see every event after `after`: from the index, else the cheaper end. */
  const startFor = async (after: number): Promise<ReadPosition> => {
    if (after <= 0) return START;
    const known = index.floor(after + 1);
    if (known) return known.at;
    const head = await tail();
    if (!head.at) return START;
    if (after >= head.position) return head.at;
    if (after < head.position / 2) return START;
    return (await scanBack(after + 1)) ?? START;
  };

  async function* readAll(after: number, limit: number, filter?: EventFilter): AsyncIterable<StoredEvent> {
    let from = await startFor(after);
    let last = after;
    let remaining = limit;
    for (;;) {
      const page = await readAllPage(client, from, 'forwards', PAGE);
      for (const r of page) {
        // Pages overlap by one event, and the start may lie before `after`: skip what is not new.
        if (!r.stored || r.stored.position <= last) continue;
        last = r.stored.position;
        index.note(last, r.at);
        if (!matches(r.stored, filter)) continue;
        yield r.stored;
        if (--remaining <= 0) return;
      }
      if (page.length < PAGE) return;
      from = page[page.length - 1].at;
    }
  }

  return { tail, readAll };
};
