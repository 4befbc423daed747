import { checkExpectedVersion, EventIdConflict } from '../errors.js';
import { eventHash } from '../hashChain.js';
import type { AppendResult, StreamAppend } from '../port.js';
import type { AppendIo } from './appendIo.js';
import type { InsertEventRow } from './insertEvents.js';
import type { ChainHead } from './selectHead.js';

type Validate = (type: string, schemaVersion: number, data: unknown) => void;

/** The original result when every event id is already stored in this stream (idempotent append). */
const alreadyAppended = async (io: AppendIo, append: StreamAppend): Promise<AppendResult | undefined> => {
  const stored = await io.locate(append.events.map((e) => e.eventId));
  if (stored.size === 0) return undefined;
  const found = append.events.map((e) => stored.get(e.eventId));
  const foreign = found.findIndex((f) => f?.streamId !== append.streamId);
  if (foreign >= 0) throw new EventIdConflict(append.events[foreign].eventId);
  const located = found.filter((f) => f !== undefined);
  return { streamId: append.streamId, nextVersion: located[located.length - 1].version, positions: located.map((f) => f.position) };
};

/** A duplicate id inside one batch only shows up as the unique constraint. */
export const asEventIdConflict = (error: unknown): unknown => {
  const e = error as { code?: string; constraint?: string; detail?: string };
  if (e.code !== '23505' || e.constraint !== 'events_event_id') return error;
  return new EventIdConflict(/\(event_id\)=\((.*)\)/.exec(e.detail ?? '')?.[1] ?? 'unknown');
};

/**
 * Appends to one or more streams, extending the hash chain from `head`, while the head row is
 * locked. Same order of checks as the SQLite adapter: idempotency, expected version, schema.
 * Throws when one fails; the caller drops what `io` staged (or rolls back its savepoint).
 */
export const appendInTransaction = async (
  io: AppendIo,
  appends: readonly StreamAppend[],
  head: ChainHead,
  recordedAt: string,
  validate: Validate,
): Promise<{ results: AppendResult[]; head: ChainHead }> => {
  const results: AppendResult[] = [];
  let { position, hash } = head;
  for (const append of appends) {
    if (append.events.length === 0) {
      const actual = await io.streamVersion(append.streamId);
      checkExpectedVersion(append.streamId, append.expected, actual);
      results.push({ streamId: append.streamId, nextVersion: actual, positions: [] });
      continue;
    }
    const original = await alreadyAppended(io, append);
    if (original) {
      results.push(original);
      continue;
    }
    let version = await io.streamVersion(append.streamId);
    checkExpectedVersion(append.streamId, append.expected, version);
    const rows: InsertEventRow[] = [];
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
      rows.push({ ...stored, data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata), hash });
    }
    try {
      await io.insert(rows);
    } catch (error) {
      throw asEventIdConflict(error);
    }
    results.push({ streamId: append.streamId, nextVersion: version, positions: rows.map((r) => r.position) });
  }
  return { results, head: { position, hash } };
};
