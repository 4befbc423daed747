import type { Database } from 'better-sqlite3';
import { checkExpectedVersion, EventIdConflict } from '../errors.js';
import { eventHash } from '../hashChain.js';
import type { AppendResult, StreamAppend } from '../port.js';
import { prepareInsertEvent } from './insertEvent.js';
import { prepareSelectEventById } from './selectEventById.js';
import { prepareSelectStreamVersion } from './selectStreamVersion.js';

export interface ChainHead {
  position: number;
  hash: string;
}

/**
 * Appends to one or more streams inside an open transaction, extending the hash chain from `head`.
 * Throws (leaving the caller to roll back its savepoint) when an expectation fails.
 */
export const prepareAppendInTransaction = (
  db: Database,
  validate: (type: string, schemaVersion: number, data: unknown) => void,
) => {
  const insert = prepareInsertEvent(db);
  const byId = prepareSelectEventById(db);
  const streamVersion = prepareSelectStreamVersion(db);

  /** Returns the original result when every event id is already stored in this stream (idempotent append). */
  const alreadyAppended = (append: StreamAppend): AppendResult | undefined => {
    const found = append.events.map((e) => byId(e.eventId));
    if (found.every((f) => f === undefined)) return undefined;
    const sameStream = found.every((f) => f !== undefined && f.stream_id === append.streamId);
    if (!sameStream) throw new EventIdConflict(append.events[found.findIndex((f) => f?.stream_id !== append.streamId)].eventId);
    const located = found as NonNullable<(typeof found)[number]>[];
    return { streamId: append.streamId, nextVersion: located[located.length - 1].version, positions: located.map((f) => f.position) };
  };

  return (appends: readonly StreamAppend[], head: ChainHead, recordedAt: string): { results: AppendResult[]; head: ChainHead } => {
    const results: AppendResult[] = [];
    let { position, hash } = head;
    for (const append of appends) {
      if (append.events.length === 0) {
        const actual = streamVersion(append.streamId);
        checkExpectedVersion(append.streamId, append.expected, actual);
        results.push({ streamId: append.streamId, nextVersion: actual, positions: [] });
        continue;
      }
      const original = alreadyAppended(append);
      if (original) {
        results.push(original);
        continue;
      }
      let version = streamVersion(append.streamId);
      checkExpectedVersion(append.streamId, append.expected, version);
      const positions: number[] = [];
      for (const event of append.events) {
        const schemaVersion = event.schemaVersion ?? 1;
        validate(event.type, schemaVersion, event.data);
        position += 1;
        version += 1;
        const stored = {
          position, streamId: append.streamId, version, eventId: event.eventId, type: event.type, schemaVersion,
          data: event.data, metadata: event.metadata, recordedAt,
        };
        hash = eventHash(hash, stored);
        insert({ ...stored, data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata), hash });
        positions.push(position);
      }
      results.push({ streamId: append.streamId, nextVersion: version, positions });
    }
    return { results, head: { position, hash } };
  };
};
