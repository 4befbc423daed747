import type { StoredEvent } from './port.js';

/**
 * An event as integrations receive it (the feed, webhooks): the envelope of DESIGN §3 with the body at
 * its type's current schema version, the fields in the same order as `GET /audit/events` shows them.
 */
export const eventEnvelope = (e: StoredEvent): StoredEvent => ({
  position: e.position,
  streamId: e.streamId,
  version: e.version,
  eventId: e.eventId,
  type: e.type,
  schemaVersion: e.schemaVersion,
  data: e.data,
  metadata: e.metadata,
  recordedAt: e.recordedAt,
  hash: e.hash,
});
