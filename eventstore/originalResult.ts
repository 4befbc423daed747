import { EventIdConflict } from './errors.js';
import type { AppendResult, StreamAppend } from './port.js';

/** Where an event id is stored. */
export interface EventLocation {
  readonly streamId: string;
  readonly version: number;
  readonly position: number;
}

/**
 * Idempotent append by event id, judged alike by every adapter from what it found: `found[i]` is
 * where `append.events[i]`'s id is stored, undefined when nowhere (or not known). None stored: a new
 * append (undefined). All stored in this stream: a retry, answered with the original result. Any
 * other mix: the ids were used on another stream or for another batch, EventIdConflict.
 */
export const originalResult = (
  append: StreamAppend,
  found: readonly (EventLocation | undefined)[],
): AppendResult | undefined => {
  const { events, streamId } = append;
  if (!events.some((_, i) => found[i] !== undefined)) return undefined;
  const positions: number[] = [];
  let nextVersion = 0;
  events.forEach((event, i) => {
    const location = found[i];
    if (location === undefined || location.streamId !== streamId) throw new EventIdConflict(event.eventId);
    positions.push(location.position);
    nextVersion = location.version;
  });
  return { streamId, nextVersion, positions };
};
