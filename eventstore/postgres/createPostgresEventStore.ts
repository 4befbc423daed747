import type { Pool } from 'pg';
import type { Clock } from '../../domain/shared/clock.js';
import { createAppendListeners } from '../appendListeners.js';
import type { ValidateEvent } from '../eventRegistry.js';
import { rowToEvent, type SqlEventRow } from '../eventRow.js';
import { createGroupCommit } from '../groupCommit.js';
import { pagedLog, pagedStream } from '../pagedReads.js';
import { pollingSubscription } from '../pollingSubscription.js';
import type { AppendResult, EventStore, StoredEvent, StreamAppend } from '../port.js';
import { CommitOutcomeUnknown, commitGroup } from './commitGroup.js';
import { selectAllEvents } from './selectAllEvents.js';
import { selectHead } from './selectHead.js';
import { selectStreamEvents } from './selectStreamEvents.js';
import { selectStreamVersion } from './selectStreamVersion.js';
import { DatabaseUnavailable, isPostgresUnavailable } from './unavailable.js';

export interface PostgresEventStoreOptions {
  readonly clock: Clock;
  /** Throws InvalidEvent when a body does not match its type's schema. */
  readonly validate?: ValidateEvent;
  /** Brings an older schema version up to date on read. */
  readonly upcast?: (event: StoredEvent) => StoredEvent;
  /** How often subscriptions look for events appended by other processes; default 250 ms. */
  readonly pollMs?: number;
  /** Announce each commit on this channel (`NOTIFY <channel>, '<head>'`): other processes wake at once. */
  readonly notifyChannel?: string;
  /**
   * How long to keep asking, when the answer to a COMMIT was lost, before giving up with
   * DatabaseUnavailable (default 60 s): a command whose events were committed must not answer an error.
   */
  readonly unknownOutcomeMs?: number;
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

  const commitOptions = { notifyChannel: options.notifyChannel };
  const once = (group: readonly (readonly StreamAppend[])[]) =>
    commitGroup(pool, options.clock, group, validate, commitOptions);

  /**
   * A group whose COMMIT got no answer is run again until the database answers: appends that were
   * committed find their events (same ids) and answer the original result, the others are appended
   * now. Any other loss of the database refuses the group: nothing of it was written.
   */
  const resolve = async (group: readonly (readonly StreamAppend[])[]) => {
    try {
      return await once(group);
    } catch (error) {
      if (!(error instanceof CommitOutcomeUnknown))
        throw isPostgresUnavailable(error) ? new DatabaseUnavailable(error) : error;
      const deadline = Date.now() + (options.unknownOutcomeMs ?? 60_000);
      for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
        await new Promise((r) => setTimeout(r, wait));
        try {
          // Announced locally even when nothing was left to append: the lost commit may have been the one.
          return { ...(await once(group)), advanced: true };
        } catch (again) {
          const lost = again instanceof CommitOutcomeUnknown || isPostgresUnavailable(again);
          if (!lost) throw again;
          if (Date.now() > deadline) throw new DatabaseUnavailable(again);
        }
      }
    }
  };

  // One transaction for the appends submitted while the previous one committed (see commitGroup).
  const commit = createGroupCommit<readonly StreamAppend[], readonly AppendResult[]>(
    async (group) => {
      const { outcomes, head, advanced } = await resolve(group);
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
