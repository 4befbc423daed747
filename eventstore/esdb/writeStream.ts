import { NO_STREAM, WrongExpectedVersionError, type EventStoreDBClient } from '@eventstore/db-client';
import { WrongExpectedVersion } from '../errors.js';
import type { ExpectedVersion, StoredEvent } from '../port.js';
import { toEsdbEvent } from './esdbEnvelope.js';

/**
 * Writes one stream's planned events, expecting exactly the version they were planned on (ESDB
 * revisions are 0-based: version n is revision n - 1), so the versions, positions and hashes in
 * the events stay true even if another client wrote the stream meanwhile: ESDB refuses instead.
 */
export const writeStream = async (
  client: EventStoreDBClient,
  streamId: string,
  expected: ExpectedVersion,
  plannedOn: number,
  events: readonly StoredEvent[],
): Promise<void> => {
  const expectedRevision = plannedOn === 0 ? NO_STREAM : BigInt(plannedOn - 1);
  try {
    const result = await client.appendToStream(streamId, events.map(toEsdbEvent), { expectedRevision });
    // Only when the connection says throwOnAppendFailure=false.
    if (!result.success) throw new WrongExpectedVersion(streamId, expected, Number(result.nextExpectedRevision) + 1);
  } catch (error) {
    if (error instanceof WrongExpectedVersionError) {
      const actual = error.actualVersion === 'no_stream' ? 0 : Number(error.actualVersion) + 1;
      throw new WrongExpectedVersion(streamId, expected, actual);
    }
    throw error;
  }
};
