import type { Clock } from '../../domain/shared/clock.js';
import { pollingSubscription } from '../pollingSubscription.js';
import type { AppendResult, EventStore, ReadAllOptions, ReadStreamOptions, StoredEvent, StreamAppend } from '../port.js';
import { prepareAppendInTransaction } from './appendInTransaction.js';
import { rowToEvent } from './eventRow.js';
import { createGroupCommit } from '../groupCommit.js';
import type { SqliteConnection } from './openSqlite.js';
import { prepareSelectAllEvents } from './selectAllEvents.js';
import { prepareSelectHead } from './selectHead.js';
import { prepareSelectStreamEvents } from './selectStreamEvents.js';
import { prepareSelectStreamVersion } from './selectStreamVersion.js';

export interface SqliteEventStoreOptions {
  readonly clock: Clock;
  /** Throws InvalidEvent when a body does not match its type's schema. */
  readonly validate?: (type: string, schemaVersion: number, data: unknown) => void;
  /** Brings an older schema version up to date on read. */
  readonly upcast?: (event: StoredEvent) => StoredEvent;
}

const PAGE = 500;

export const createSqliteEventStore = (connection: SqliteConnection, options: SqliteEventStoreOptions): EventStore => {
  const { db, writeLock } = connection;
  const upcast = options.upcast ?? ((e: StoredEvent) => e);
  const appendInTransaction = prepareAppendInTransaction(db, options.validate ?? (() => undefined));
  const selectHead = prepareSelectHead(db);
  const selectStreamVersion = prepareSelectStreamVersion(db);
  const selectStream = prepareSelectStreamEvents(db);
  const selectAll = prepareSelectAllEvents(db);
  const listeners = new Set<(head: number) => void>();

  // One transaction for every append submitted in the same tick; each append in its own
  // savepoint so that one stale writer does not fail the others.
  const commit = createGroupCommit<readonly StreamAppend[], readonly AppendResult[]>((batch) =>
    writeLock.run(() => {
      const recordedAt = options.clock.now().toISOString();
      const outcomes: (readonly AppendResult[] | Error)[] = [];
      db.pragma('synchronous = FULL');
      db.exec('BEGIN IMMEDIATE');
      try {
        let head = selectHead();
        for (const appends of batch) {
          db.exec('SAVEPOINT append');
          try {
            const done = appendInTransaction(appends, head, recordedAt);
            head = done.head;
            db.exec('RELEASE append');
            outcomes.push(done.results);
          } catch (error) {
            db.exec('ROLLBACK TO append');
            db.exec('RELEASE append');
            outcomes.push(error instanceof Error ? error : new Error(String(error)));
          }
        }
        db.exec('COMMIT');
        if (outcomes.some((o) => !(o instanceof Error))) for (const l of listeners) l(head.position);
        return outcomes;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    }),
  );

  const headPosition = async () => selectHead().position;

  async function* readStream(streamId: string, o: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    const direction = o.direction ?? 'forwards';
    let from = o.from ?? (direction === 'forwards' ? 1 : Number.MAX_SAFE_INTEGER);
    const to = o.to ?? (direction === 'forwards' ? Number.MAX_SAFE_INTEGER : 1);
    for (;;) {
      const rows = selectStream(streamId, from, to, direction, PAGE);
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
      const rows = selectAll(after, Math.min(PAGE, remaining), o.filter);
      for (const row of rows) yield upcast(rowToEvent(row));
      if (rows.length < Math.min(PAGE, remaining)) return;
      remaining -= rows.length;
      after = rows[rows.length - 1].position;
    }
  }

  const store: EventStore = {
    append: async (streamId, events, { expected }) => (await commit.submit([{ streamId, events, expected }]))[0],
    appendMany: (appends) => commit.submit(appends),
    readStream,
    readAll,
    subscribe: (o) => pollingSubscription(store, o),
    streamVersion: async (streamId) => selectStreamVersion(streamId),
    headPosition,
    onAppended: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      await writeLock.run(() => undefined);
    },
  };
  return store;
};
