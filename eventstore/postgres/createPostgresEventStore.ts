import type { Pool } from 'pg';
import type { Clock } from '../../domain/shared/clock.js';
import { createAppendListeners } from '../appendListeners.js';
import type { ValidateEvent } from '../eventRegistry.js';
import { rowToEvent, type SqlEventRow } from '../eventRow.js';
import { createGroupCommit } from '../groupCommit.js';
import { pagedLog, pagedStream } from '../pagedReads.js';
import { pollingSubscription } from '../pollingSubscription.js';
import type { AppendResult, EventStore, StoredEvent, StreamAppend } from '../port.js';
import { commitGroup } from './commitGroup.js';
import { selectAllEvents } from './selectAllEvents.js';
import { selectHead } from './selectHead.js';
import { selectStreamEvents } from './selectStreamEvents.js';
import { selectStreamVersion } from './selectStreamVersion.js';

export interface PostgresEventStoreOptions {
  readonly clock: Clock;
  /** Throws InvalidEvent when a body does not match its type's schema. */
  readonly validate?: ValidateEvent;
  /** Brings an older schema version up to date on read. */
  readonly upcast?: (event: StoredEvent) => StoredEvent;
  /** How often subscriptions look for events appended by other processes; default 250 ms. */
  readonly pollMs?: number;
}

// Bounds the group's INSERT, and its savepoints on the slow path: beyond 64 subtransactions
// PostgreSQL's per-backend cache overflows, which slows every other session's snapshots.
const MAX_GROUP = 64;

/**
 * The event store on PostgreSQL. The pool belongs to the caller (close() does not end it), and
 * the tables must exist: run `ensurePostgresSchema(pool)` first.
 * Appends from every process serialise on the locked `events_head` row, so positions are gap-free,
 * committed in position order (a reader never sees n+1 before n) and the hash chain is unbroken.
 */
export const createPostgresEventStore = (pool: Pool, options: PostgresEventStoreOptions): EventStore => {
  const upcast = options.upcast ?? ((e: StoredEvent) => e);
  const validate = options.validate ?? (() => undefined);
  const toEvent = (row: SqlEventRow<string>) => upcast(rowToEvent(row));
  const listeners = createAppendListeners();

  // One transaction for the appends submitted while the previous one committed (see commitGroup).
  const commit = createGroupCommit<readonly StreamAppend[], readonly AppendResult[]>(
    async (group) => {
      const { outcomes, head, advanced } = await commitGroup(pool, options.clock, group, validate);
      if (advanced) listeners.notify(head);
      return outcomes;
    },
    { serial: true, maxBatch: MAX_GROUP },
  );

  const store: EventStore = {
    append: async (streamId, events, { expected }) => (await commit.submit([{ streamId, events, expected }]))[0],
    appendMany: (appends) => commit.submit(appends),
    readStream: (streamId, o = {}) =>
      pagedStream(
        (from, to, direction, limit) => selectStreamEvents(pool, streamId, from, to, direction, limit),
        o,
        toEvent,
      ),
    readAll: (o = {}) => pagedLog((after, limit) => selectAllEvents(pool, after, limit, o.filter), o, toEvent),
    subscribe: (o) => pollingSubscription(store, { ...o, pollMs: options.pollMs }),
    streamVersion: (streamId) => selectStreamVersion(pool, streamId),
    headPosition: async () => (await selectHead(pool)).position,
    onAppended: listeners.add,
    close: () => commit.drain(),
  };
  return store;
};
