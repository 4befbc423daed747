import type { Pool } from 'pg';
import type { Clock } from '../../domain/shared/clock.js';
import { createGroupCommit } from '../groupCommit.js';
import { pollingSubscription } from '../pollingSubscription.js';
import type { AppendResult, EventStore, ReadAllOptions, ReadStreamOptions, StoredEvent, StreamAppend } from '../port.js';
import { commitGroup } from './commitGroup.js';
import { rowToEvent } from './eventRow.js';
import { selectAllEvents } from './selectAllEvents.js';
import { selectHead } from './selectHead.js';
import { selectStreamEvents } from './selectStreamEvents.js';
import { selectStreamVersion } from './selectStreamVersion.js';

export interface PostgresEventStoreOptions {
  readonly clock: Clock;
  /** Throws InvalidEvent when a body does not match its type's schema. */
  readonly validate?: (type: string, schemaVersion: number, data: unknown) => void;
  /** Brings an older schema version up to date on read. */
  readonly upcast?: (event: StoredEvent) => StoredEvent;
  /** How often subscriptions look for events appended by other processes; default 250 ms. */
  readonly pollMs?: number;
}

const PAGE = 500;
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
  const listeners = new Set<(head: number) => void>();
  // The events are committed whatever a listener does: its failure must not reject the appends.
  const notify = (head: number) => {
    for (const l of listeners) {
      try {
        l(head);
      } catch (error) {
        process.emitWarning(`onAppended listener failed: ${String(error)}`);
      }
    }
  };

  // One transaction for the appends submitted while the previous one committed (see commitGroup).
  const commit = createGroupCommit<readonly StreamAppend[], readonly AppendResult[]>(
    async (group) => {
      const { outcomes, head, advanced } = await commitGroup(pool, options.clock, group, validate);
      if (advanced) notify(head);
      return outcomes;
    },
    { serial: true, maxBatch: MAX_GROUP },
  );

  async function* readStream(streamId: string, o: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    const direction = o.direction ?? 'forwards';
    let from = o.from ?? (direction === 'forwards' ? 1 : Number.MAX_SAFE_INTEGER);
    const to = o.to ?? (direction === 'forwards' ? Number.MAX_SAFE_INTEGER : 1);
    for (;;) {
      const rows = await selectStreamEvents(pool, streamId, from, to, direction, PAGE);
      for (const row of rows) yield upcast(rowToEvent(row));
      if (rows.length < PAGE) return;
      const last = rows[rows.length - 1].version;
      from = direction === 'forwards' ? last + 1 : last - 1;
    }
  }

  async function* readAll(o: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    let after = o.after ?? 0;
    let remaining = o.limit ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const rows = await selectAllEvents(pool, after, Math.min(PAGE, remaining), o.filter);
      for (const row of rows) yield upcast(rowToEvent(row));
      if (rows.length < Math.min(PAGE, remaining)) return;
      remaining -= rows.length;
      after = Number(rows[rows.length - 1].position);
    }
  }

  const store: EventStore = {
    append: async (streamId, events, { expected }) => (await commit.submit([{ streamId, events, expected }]))[0],
    appendMany: (appends) => commit.submit(appends),
    readStream,
    readAll,
    subscribe: (o) => pollingSubscription(store, { ...o, pollMs: options.pollMs }),
    streamVersion: (streamId) => selectStreamVersion(pool, streamId),
    headPosition: async () => (await selectHead(pool)).position,
    onAppended: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => commit.drain(),
  };
  return store;
};
