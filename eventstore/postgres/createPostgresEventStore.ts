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

  // One transaction for the appends submitted while the previous one committed (see commitGroup). A
  // group whose COMMIT got no answer is rejected with CommitOutcomeUnknown, each append to be resolved
  // on its own (below), so that the appends queued behind it meet the outage and answer at once.
  const commit = createGroupCommit<readonly StreamAppend[], readonly AppendResult[]>(
    async (group) => {
      try {
        const { outcomes, head, advanced } = await once(group);
        if (advanced) listeners.notify(head);
        return outcomes;
      } catch (error) {
        if (error instanceof CommitOutcomeUnknown || !isPostgresUnavailable(error)) throw error;
        throw new DatabaseUnavailable(error);
      }
    },
    { serial: true, maxBatch: MAX_GROUP },
  );

  /**
   * An append whose COMMIT got no answer may be in the log or not: it is sent again until the database
   * answers (its event ids make that idempotent: committed, it gets its original result; not, it is
   * appended now), for up to `unknownOutcomeMs`. Any other loss of the database refuses the append
   * with DatabaseUnavailable: nothing of it was written.
   */
  const submit = async (appends: readonly StreamAppend[]): Promise<readonly AppendResult[]> => {
    try {
      return await commit.submit(appends);
    } catch (error) {
      if (!(error instanceof CommitOutcomeUnknown)) throw error;
      const deadline = Date.now() + (options.unknownOutcomeMs ?? 60_000);
      for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
        await new Promise((r) => setTimeout(r, wait));
        try {
          const results = await commit.submit(appends);
          // Announced even when nothing was left to append: the lost commit may have been the one.
          const last = Math.max(0, ...results.flatMap((r) => r.positions));
          if (last > 0) listeners.notify(last);
          return results;
        } catch (again) {
          const lost = again instanceof CommitOutcomeUnknown || isPostgresUnavailable(again);
          if (!lost) throw again;
          if (Date.now() > deadline) throw new DatabaseUnavailable(again);
        }
      }
    }
  };

  const store: EventStore = {
    append: async (streamId, events, { expected }) => (await submit([{ streamId, events, expected }]))[0],
    appendMany: submit,
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
