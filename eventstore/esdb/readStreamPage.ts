import { StreamNotFoundError, type EventStoreDBClient, type ReadRevision } from '@eventstore/db-client';
import type { StoredEvent } from '../port.js';
import { fromEsdbRecord } from './esdbEnvelope.js';

export interface StreamRecord {
  readonly revision: bigint;
  /** Undefined for an event in the stream that this adapter did not write. */
  readonly stored: StoredEvent | undefined;
}

/** Up to `maxCount` events of one stream from a revision (inclusive); empty when the stream does not exist. */
export const readStreamPage = async (
  client: EventStoreDBClient,
  streamId: string,
  fromRevision: ReadRevision,
  direction: 'forwards' | 'backwards',
  maxCount: number,
): Promise<StreamRecord[]> => {
  const out: StreamRecord[] = [];
  try {
    for await (const resolved of client.readStream(streamId, { fromRevision, direction, maxCount })) {
      const e = resolved.event;
      if (e) out.push({ revision: e.revision, stored: fromEsdbRecord(e) });
    }
  } catch (error) {
    // ESDB reports a missing stream as an error of the read; for us it is a stream at version 0.
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
  return out;
};
