import { jsonEvent, type EventData, type JSONType } from '@eventstore/db-client';
import { InvalidEvent } from '../errors.js';
import type { EventMetadata, StoredEvent } from '../port.js';
import { esdbEventId } from './esdbEventId.js';

/**
 * The envelope fields EventStoreDB has no place for, kept in each event's metadata. ESDB's own
 * stream revision gives `version` (revision + 1); its commit position is not gap-free, so our
 * `position` and `hash` live here (see createEsdbEventStore for how they are assigned).
 */
export interface EsdbEnvelopeMetadata {
  readonly prm: 1;
  readonly position: number;
  readonly eventId: string;
  readonly schemaVersion: number;
  readonly recordedAt: string;
  readonly hash: string;
  readonly metadata: EventMetadata;
  // Understood by ESDB's system projections and UI.
  readonly $correlationId: string;
  readonly $causationId?: string;
}

const isJsonBody = (data: unknown): data is JSONType =>
  typeof data === 'string' || (typeof data === 'object' && data !== null);

export const toEsdbEvent = (event: StoredEvent): EventData => {
  if (!isJsonBody(event.data))
    throw new InvalidEvent(event.type, ['EventStoreDB stores JSON object, array or string bodies']);
  const metadata: EsdbEnvelopeMetadata = {
    prm: 1,
    position: event.position,
    eventId: event.eventId,
    schemaVersion: event.schemaVersion,
    recordedAt: event.recordedAt,
    hash: event.hash,
    metadata: event.metadata,
    $correlationId: event.metadata.correlationId,
    ...(event.metadata.causationId === undefined ? {} : { $causationId: event.metadata.causationId }),
  };
  return jsonEvent({ id: esdbEventId(event.eventId), type: event.type, data: event.data, metadata });
};

/** What we need of a recorded ESDB event, whichever read returned it. */
export interface EsdbRecord {
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

/** Our event back, or undefined for an event not written by this adapter (system events, other apps). */
export const fromEsdbRecord = (record: EsdbRecord): StoredEvent | undefined => {
  const m = record.metadata as Partial<EsdbEnvelopeMetadata> | undefined;
  if (typeof m !== 'object' || m === null || m.prm !== 1 || m.metadata === undefined) return undefined;
  return {
    position: Number(m.position),
    streamId: record.streamId,
    version: Number(record.revision) + 1,
    eventId: String(m.eventId),
    type: record.type,
    schemaVersion: Number(m.schemaVersion),
    data: record.data,
    metadata: m.metadata,
    recordedAt: String(m.recordedAt),
    hash: String(m.hash),
  };
};
