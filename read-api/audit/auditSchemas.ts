import { z } from 'zod';
import { Instant } from '../../domain/shared/index.js';
import { Cursor, Limit } from '../pagination.js';
import { InstantOut, named, pageOf, TextStream } from '../../http/contract.js';

export { TextStream };

/** `<aggregate>-<id>`, e.g. `partner-ptr_x`, `channel-settings`, `email-ann@acme.example`. */
export const StreamId = z
  .string()
  .min(3)
  .max(400)
  .regex(/^[a-z][a-z0-9_]*-\S+$/, 'must be a stream id: <aggregate>-<id>');

/** A global log position (0 = before the first event). */
export const Position = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const PositionCursor = Cursor.pipe(z.number({ error: 'not a cursor from this API' }).int().min(0));

const EventType = z.string().regex(/^[A-Z][A-Za-z0-9]{1,80}$/, 'must be an event type, e.g. PartnerApproved');
/** One type or a comma-separated list of up to 20. */
export const EventTypes = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== ''),
  )
  .pipe(z.array(EventType).min(1).max(20));

export const BooleanFlag = z.enum(['true', 'false']).transform((s) => s === 'true');

export const EventsQuery = z
  .strictObject({
    after: Position.optional(),
    cursor: PositionCursor.optional(),
    limit: Limit,
    streamId: StreamId.optional(),
    type: EventTypes.optional(),
    actorId: z.string().min(1).max(200).optional(),
    from: Instant.optional(),
    to: Instant.optional(),
    upcast: BooleanFlag.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' });

export const StreamParams = z.strictObject({ streamId: StreamId });

const ActorOut = z.object({ kind: z.enum(['person', 'system', 'admin-key', 'api-client']), id: z.string() });
/** Who caused an event and why (DESIGN §3's metadata). */
export const EventMetadataOut = z.object({
  actor: ActorOut,
  commandId: z.string(),
  correlationId: z.string(),
  causationId: z.string().optional(),
  idempotencyKey: z.string().optional(),
});
/** DESIGN §3's envelope around `data` and `metadata`: where the event stands in the log and its hash. */
export const envelopeFields = {
  position: z.number().int(),
  streamId: z.string(),
  version: z.number().int(),
  eventId: z.string(),
  type: z.string(),
  schemaVersion: z.number().int(),
  recordedAt: InstantOut,
  hash: z.string().regex(/^[0-9a-f]{64}$/),
};
/** One stored event as auditors see it (DESIGN §3's envelope). */
export const StoredEventOut = named(
  'StoredEvent',
  z.object({
    ...envelopeFields,
    data: z.unknown().describe('the event body (its text when no longer JSON)'),
    metadata: z.union([EventMetadataOut, z.string()]).describe('who and why; its text when no longer JSON'),
    storedSchemaVersion: z.number().int().optional().describe('with upcast: the version as stored'),
    unreadable: z.literal(true).optional().describe('the stored body or metadata is not JSON (tampered)'),
  }),
);
export const StoredEventPage = pageOf('StoredEventPage', StoredEventOut);

export const VerifyReportOut = named(
  'VerifyReport',
  z.object({
    ok: z.boolean(),
    checkedEvents: z.number().int(),
    headPosition: z.number().int(),
    headHash: z.string(),
    problem: z
      .object({
        position: z.number().int(),
        kind: z.enum(['modified', 'deleted', 'inserted', 'reordered']),
        detail: z.string(),
        streamId: z.string().optional(),
        eventId: z.string().optional(),
      })
      .optional(),
  }),
);

export const StateAsOfOut = named(
  'StateAsOf',
  z.object({
    streamId: z.string(),
    aggregate: z.string(),
    asOf: z.union([z.object({ position: z.number().int() }), z.object({ instant: InstantOut })]).nullable(),
    version: z.number().int(),
    position: z.number().int().nullable(),
    recordedAt: InstantOut.nullable(),
    currentVersion: z.number().int(),
    state: z.unknown().describe("the aggregate's state as its evolve folds it"),
  }),
);

export const AccessLogPage = pageOf(
  'AccessLogPage',
  z.object({
    id: z.number().int(),
    at: InstantOut,
    actor: z.object({ kind: z.string(), id: z.string() }),
    method: z.string(),
    route: z.string(),
    url: z.string(),
    status: z.number().int(),
    /** Identity rows only (sign-ins, refusals, links and tokens issued): see README "Signing in". */
    event: z.enum(['sign_in', 'sign_in_refused', 'link_issued', 'token_issued', 'sign_out']).optional(),
    clientId: z.string().optional(),
    address: z.string().optional(),
  }),
);
