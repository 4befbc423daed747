import { BACKWARDS, END, FORWARDS, type EventStoreDBClient } from '@eventstore/db-client';
import type { Clock } from '../../domain/shared/clock.js';
import { createAppendListeners } from '../appendListeners.js';
import { EventIdConflict, InvalidEvent, WrongExpectedVersion } from '../errors.js';
import type { ValidateEvent } from '../eventRegistry.js';
import { createGroupCommit } from '../groupCommit.js';
import { pollingSubscription } from '../pollingSubscription.js';
import type {
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  StreamAppend,
} from '../port.js';
import { appendItem, type Chain } from './appendItem.js';
import { createLiveTail } from './liveTail.js';
import { createPositionIndex } from './positionIndex.js';
import { createLogReader } from './readLog.js';
import { readStreamPage } from './readStreamPage.js';
import { createRecentEventIds } from './recentEventIds.js';

export interface EsdbEventStoreOptions {
  readonly clock: Clock;
  readonly validate?: ValidateEvent;
  readonly upcast?: (event: StoredEvent) => StoredEvent;
  readonly pollMs?: number;
}

const PAGE = 500;
const isRefusal = (e: unknown) =>
  e instanceof WrongExpectedVersion || e instanceof InvalidEvent || e instanceof EventIdConflict;

/**
 * The event store on EventStoreDB/KurrentDB. Each of our streams is an ESDB stream (version =
 * revision + 1, expectations checked by us and enforced again by ESDB with the exact revision).
 * What ESDB cannot give, and how this adapter stands in for it:
 *
 * - Positions and the hash chain. ESDB's commit position is not gap-free, so our `position` and
 *   `hash` are computed here and stored in each event's metadata. Appends run one batch at a
 *   time in this process; each batch starts by reading the tail of $all for the last position and
 *   hash, so writers in several processes that take turns chain correctly. Two processes
 *   appending at the same instant can both claim the same positions: ESDB offers no lock or
 *   multi-stream compare-and-set to prevent it. Run ONE writer process per log (others may read
 *   and subscribe); `prm verify` detects a violation after the fact.
 * - appendMany is not atomic. Every expectation, idempotency check and schema is checked for all
 *   streams before anything is written, so an ordinary refusal stores nothing; then the streams
 *   are written one by one. If a later write loses a race with another client, the earlier
 *   streams stay written and PartialAppendError lists them.
 * - Idempotent append. A retry of an exact/no_stream append is recognised by reading the
 *   versions right after the expectation; an any/stream_exists retry when its events are among
 *   the stream's last 500 or in this process's recent-id cache. An event id reused on ANOTHER
 *   stream is refused only when this process knows the id (wrote or read it lately): ESDB has no
 *   index by event id.
 * - readAll walks $all (our events are in position order there) starting from a sparse in-memory
 *   index of position -> $all position; without one it starts from whichever end is closer.
 * - An append whose outcome is unknown (timeout, lost leader) may still land; the next batch
 *   re-reads the tail, but a write landing after that read would duplicate positions.
 */
export const createEsdbEventStore = (client: EventStoreDBClient, options: EsdbEventStoreOptions): EventStore => {
  const upcast = options.upcast ?? ((e: StoredEvent) => e);
  const validate = options.validate ?? (() => undefined);
  const recent = createRecentEventIds();
  const log = createLogReader(client, createPositionIndex());
  const listeners = createAppendListeners();
  // Subscriptions' wake-ups: this process's appends and ESDB's live feed of everyone's.
  const wakers = createAppendListeners();
  const live = createLiveTail(client, wakers.notify);

  const remember = (e: StoredEvent) => {
    recent.add(e.eventId, e);
    return upcast(e);
  };

  const commit = createGroupCommit<readonly StreamAppend[], readonly AppendResult[]>(
    async (batch) => {
      let tail = await log.tail();
      const chain: Chain = { position: tail.position, hash: tail.hash };
      const start = chain.position;
      const recordedAt = options.clock.now().toISOString();
      const outcomes: (readonly AppendResult[] | Error)[] = [];
      for (const appends of batch) {
        try {
          outcomes.push(await appendItem(client, appends, chain, recordedAt, validate, recent));
        } catch (error) {
          outcomes.push(error instanceof Error ? error : new Error(String(error)));
          // A failure that is not a refusal may hide a write that landed: re-read the tail.
          if (!isRefusal(error)) {
            tail = await log.tail();
            chain.position = tail.position;
            chain.hash = tail.hash;
          }
        }
      }
      if (chain.position !== start) {
        listeners.notify(chain.position);
        wakers.notify(chain.position);
      }
      return outcomes;
    },
    { serial: true, maxBatch: 256 },
  );

  async function* readStream(streamId: string, o: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    const direction = o.direction ?? 'forwards';
    const to = o.to ?? (direction === 'forwards' ? Number.MAX_SAFE_INTEGER : 1);
    let from: bigint | typeof END =
      o.from === undefined ? (direction === 'forwards' ? 0n : END) : BigInt(Math.max(o.from, 1) - 1);
    for (;;) {
      const page = await readStreamPage(client, streamId, from, direction === 'forwards' ? FORWARDS : BACKWARDS, PAGE);
      for (const r of page) {
        const version = Number(r.revision) + 1;
        if (direction === 'forwards' ? version > to : version < to) return;
        if (r.stored) yield remember(r.stored);
      }
      if (page.length < PAGE) return;
      const last = page[page.length - 1].revision;
      if (direction === 'backwards' && last === 0n) return;
      from = direction === 'forwards' ? last + 1n : last - 1n;
    }
  }

  async function* readAll(o: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    for await (const e of log.readAll(o.after ?? 0, o.limit ?? Number.POSITIVE_INFINITY, o.filter)) yield remember(e);
  }

  const headPosition = async () => (await log.tail()).position;

  const store: EventStore = {
    append: async (streamId, events, { expected }) => (await commit.submit([{ streamId, events, expected }]))[0],
    appendMany: (appends) => commit.submit(appends),
    readStream,
    readAll,
    subscribe: (o) => {
      live.acquire();
      const sub = pollingSubscription(
        { readAll, headPosition, onAppended: wakers.add },
        { ...o, pollMs: options.pollMs },
      );
      return {
        caughtUpTo: sub.caughtUpTo,
        close: async () => {
          await sub.close();
          await live.release();
        },
      };
    },
    streamVersion: async (streamId) => {
      const last = await readStreamPage(client, streamId, END, BACKWARDS, 1);
      return last.length > 0 ? Number(last[0].revision) + 1 : 0;
    },
    headPosition,
    onAppended: listeners.add,
    close: async () => {
      await commit.drain();
      await live.close();
    },
  };
  return store;
};
