import { z } from 'zod';
import { Instant } from '../../domain/shared/index.js';
import { Cursor, Limit } from '../pagination.js';

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
