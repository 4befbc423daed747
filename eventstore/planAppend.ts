import { checkExpectedVersion } from './errors.js';
import type { ValidateEvent } from './eventRegistry.js';
import { eventHash, type ChainHead } from './hashChain.js';
import { originalResult, type EventLocation } from './originalResult.js';
import type { AppendResult, StoredEvent, StreamAppend } from './port.js';

/** What an adapter read before judging one stream's append. */
export interface StreamState {
  /** The stream's current version (0: no stream). */
  readonly version: number;
  /** Where each of the append's event ids is stored, if anywhere (see originalResult). */
  readonly found: readonly (EventLocation | undefined)[];
}

export interface PlannedAppend {
  readonly result: AppendResult;
  /** The events to store, chained after `head`; none for an append without events or a retry. */
  readonly events: readonly StoredEvent[];
  /** The chain's tip once `events` are stored. */
  readonly head: ChainHead;
}

/**
 * One stream's append, judged the same way by every adapter and in the same order: an append of no
 * events only checks the expectation; then idempotency (a retry gets its original result), the
 * expected version, each body's schema; then the events are chained after `head`. Throws
 * EventIdConflict, WrongExpectedVersion or InvalidEvent; writes nothing.
 */
export const planAppend = (
  append: StreamAppend,
  state: StreamState,
  head: ChainHead,
  recordedAt: string,
  validate: ValidateEvent,
): PlannedAppend => {
  const { streamId } = append;
  if (append.events.length === 0) {
    checkExpectedVersion(streamId, append.expected, state.version);
    return { result: { streamId, nextVersion: state.version, positions: [] }, events: [], head };
  }
  const original = originalResult(append, state.found);
  if (original) return { result: original, events: [], head };
  checkExpectedVersion(streamId, append.expected, state.version);
  let { position, hash } = head;
  let version = state.version;
  const events: StoredEvent[] = [];
  const positions: number[] = [];
  for (const event of append.events) {
    const schemaVersion = event.schemaVersion ?? 1;
    validate(event.type, schemaVersion, event.data);
    position += 1;
    version += 1;
    const fields = {
      position,
      streamId,
      version,
      eventId: event.eventId,
      type: event.type,
      schemaVersion,
      data: event.data,
      metadata: event.metadata,
      recordedAt,
    };
    hash = eventHash(hash, fields);
    events.push({ ...fields, hash });
    positions.push(position);
  }
  return { result: { streamId, nextVersion: version, positions }, events, head: { position, hash } };
};
