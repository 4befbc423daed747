import type { EventLocation } from '../originalResult.js';
import type { StoredEvent } from '../port.js';
import { insertEvents } from './insertEvents.js';
import type { Queryable } from './queryable.js';
import { selectEventsById } from './selectEventsById.js';
import { selectStreamVersion } from './selectStreamVersion.js';

/** What appending needs to read and write: the database itself, or a batch's staged view of it. */
export interface AppendIo {
  readonly streamVersion: (streamId: string) => Promise<number>;
  readonly locate: (eventIds: readonly string[]) => Promise<Map<string, EventLocation>>;
  readonly insert: (events: readonly StoredEvent[]) => Promise<void>;
}

/** Straight to the database, inside the caller's transaction and savepoint. */
export const sqlAppendIo = (db: Queryable, recordedAt: string): AppendIo => ({
  streamVersion: (streamId) => selectStreamVersion(db, streamId),
  locate: (eventIds) => selectEventsById(db, eventIds),
  insert: (events) => insertEvents(db, recordedAt, events),
});
