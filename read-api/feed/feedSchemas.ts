import { z } from 'zod';
import { named, TextStream } from '../../http/contract.js';
import { EventMetadataOut, EventTypes, envelopeFields, Position } from '../audit/auditSchemas.js';

export const FeedQuery = z.strictObject({
  after: Position.optional(),
  types: EventTypes.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** Seconds to wait for a new event when there is none (long poll). */
  wait: z.coerce.number().min(0).max(30).default(0),
});
export const StreamQuery = z.strictObject({
  after: Position.optional(),
  types: EventTypes.optional(),
  /** End the stream once it has passed this position (a bounded catch-up); absent: follow for ever. */
  until: Position.optional(),
});

/**
 * An event as integrations receive it (eventstore/eventEnvelope.ts): DESIGN §3's envelope, the body at
 * its type's current schema version. The feed's items, and the body of every webhook delivery.
 */
export const EventEnvelopeOut = named(
  'EventEnvelope',
  z.object({
    ...envelopeFields,
    data: z.unknown().describe("the event body, at its type's current schema version"),
    metadata: EventMetadataOut,
  }),
);

export const FeedPage = named(
  'FeedPage',
  z.object({
    items: z.array(EventEnvelopeOut),
    after: z
      .number()
      .int()
      .describe("where to continue: pass it as `after` (the last item's position, or `after` when none came)"),
    nextCursor: z.string().nullable().describe('null when the page was not full'),
  }),
);

/** `GET /feed/stream`'s body: written by the route itself (read-api/feed/eventStream.ts). */
export const EventStreamText = TextStream.describe(
  'Server-Sent Events: `retry:` first, then per event `id: <position>` and `data: <EventEnvelope JSON>`; ' +
    'a `: heartbeat` comment line keeps an idle connection open',
);
