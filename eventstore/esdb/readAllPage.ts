import type { EventStoreDBClient, Position, ReadPosition } from '@eventstore/db-client';
import type { StoredEvent } from '../port.js';
import { fromEsdbRecord } from './esdbEnvelope.js';

export interface LogRecord {
  /** ESDB's position of the event in $all: where to resume reading. */
  readonly at: Position;
  /** Undefined for system events and events this adapter did not write. */
  readonly stored: StoredEvent | undefined;
}

/** Up to `maxCount` events of $all from a position (inclusive), every event counted, ours or not. */
export const readAllPage = async (
  client: EventStoreDBClient,
  fromPosition: ReadPosition,
  direction: 'forwards' | 'backwards',
  maxCount: number,
): Promise<LogRecord[]> => {
  const out: LogRecord[] = [];
  for await (const resolved of client.readAll({ fromPosition, direction, maxCount })) {
    const e = resolved.event;
    if (!e) continue;
    const system = e.streamId.startsWith('$');
    out.push({ at: e.position, stored: system ? undefined : fromEsdbRecord(e) });
  }
  return out;
};
