import type { Clock } from '../../domain/shared/clock.js';
import { createAppendListeners } from '../appendListeners.js';
import type { ValidateEvent } from '../eventRegistry.js';
import { type SqlEventValues, valuesToEvent } from '../eventRow.js';
import { createGroupCommit } from '../groupCommit.js';
import { pagedLog, pagedStream } from '../pagedReads.js';
import { pollingSubscription } from '../pollingSubscription.js';
import type { AppendResult, EventStore, StoredEvent, StreamAppend } from '../port.js';
import { prepareCommitGroup } from './commitGroup.js';
import type { SqliteConnection } from './openSqlite.js';
import { prepareSelectAllEventValues } from './selectAllEvents.js';
import { prepareSelectHead } from './selectHead.js';
import { prepareSelectStreamEvents } from './selectStreamEvents.js';
import { prepareSelectStreamVersion } from './selectStreamVersion.js';
import { versionProbes } from './versionProbes.js';

export interface SqliteEventStoreOptions {
  readonly clock: Clock;
  /** Throws InvalidEvent when a body does not match its type's schema. */
  readonly validate?: ValidateEvent;
  /** Brings an older schema version up to date on read. */
  readonly upcast?: (event: StoredEvent) => StoredEvent;
}

export const createSqliteEventStore = (connection: SqliteConnection, options: SqliteEventStoreOptions): EventStore => {
  const { db, writeLock } = connection;
  const upcast = options.upcast ?? ((e: StoredEvent) => e);
  const toEvent = (values: SqlEventValues) => upcast(valuesToEvent(values));
  const commitGroup = prepareCommitGroup(db, options.clock, options.validate ?? (() => undefined));
  const selectHead = prepareSelectHead(db);
  const streamVersion = versionProbes(db, prepareSelectStreamVersion(db));
  const selectStream = prepareSelectStreamEvents(db);
  const selectAll = prepareSelectAllEventValues(db);
  const listeners = createAppendListeners();

  // One transaction (one fsync) for every append submitted in the same tick; each append still
  // succeeds or fails on its own (see commitGroup).
  const commit = createGroupCommit<readonly StreamAppend[], readonly AppendResult[]>((batch) =>
    writeLock.run(() => {
      const done = commitGroup(batch);
      if (done.outcomes.some((o) => !(o instanceof Error))) listeners.notify(done.head.position);
      return done.outcomes;
    }),
  );

  const store: EventStore = {
    append: async (streamId, events, { expected }) => (await commit.submit([{ streamId, events, expected }]))[0],
    appendMany: (appends) => commit.submit(appends),
    readStream: (streamId, o = {}) =>
      pagedStream((from, to, direction, limit) => selectStream(streamId, from, to, direction, limit), o, toEvent),
    readAll: (o = {}) => pagedLog((after, limit) => selectAll(after, limit, o.filter), o, toEvent),
    subscribe: (o) => pollingSubscription(store, o),
    streamVersion,
    headPosition: async () => selectHead().position,
    onAppended: listeners.add,
    close: async () => {
      await writeLock.run(() => undefined);
    },
  };
  return store;
};
