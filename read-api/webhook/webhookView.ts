import { z } from 'zod';
import { WebhookId } from '../../domain/shared/index.js';
import { InstantOut, named, pageOf, UriOut } from '../../http/contract.js';
import type { Database } from '../../projections/readModels/database.js';

export const WebhookStatus = z.enum(['active', 'disabled', 'failing']);
export type WebhookStatus = z.infer<typeof WebhookStatus>;

/** A subscription as vendor admins and auditors read it: never its secret, only the secret's version. */
export const WebhookOut = named(
  'Webhook',
  z.object({
    id: WebhookId,
    url: UriOut,
    eventTypes: z.array(z.string()).nullable().describe('the event types delivered; null for every event'),
    description: z.string().nullable(),
    status: WebhookStatus.describe('failing: the delivery gave up on an event and stopped until enabled'),
    statusReason: z.string().nullable(),
    failedPosition: z.number().int().nullable().describe('the log position the delivery gave up on'),
    secretVersion: z.number().int(),
    previousSecretValidUntil: InstantOut.nullable().describe('until then deliveries are signed with both secrets'),
    subscribedAt: InstantOut,
    subscribedBy: z.string().describe('the id of the actor who subscribed'),
    deliveredThrough: z
      .number()
      .int()
      .nullable()
      .describe('the last log position acknowledged (or skipped by the type filter); null before the first'),
    retryingPosition: z.number().int().nullable().describe('the position being retried, if any'),
    version: z.number().int(),
  }),
);
export const WebhookPage = pageOf('WebhookPage', WebhookOut);

/** One delivery attempt of one event. */
export const WebhookDeliveryOut = named(
  'WebhookDelivery',
  z.object({
    position: z.number().int(),
    eventId: z.string(),
    eventType: z.string(),
    attempt: z.number().int().describe('1 for the first try of the event (again 1 when replayed), then 2, 3, …'),
    statusCode: z.number().int().nullable().describe("the receiver's HTTP status; null when none came"),
    error: z.string().nullable(),
    durationMs: z.number().int(),
    attemptedAt: InstantOut,
    nextRetryAt: InstantOut.nullable().describe('when the next attempt is due; null once acknowledged or given up'),
  }),
);
export const WebhookDeliveryPage = pageOf('WebhookDeliveryPage', WebhookDeliveryOut);

export const webhookView = (
  r: Database['webhooks'],
  c?: { position: number; pending_position: number | null },
): z.input<typeof WebhookOut> => ({
  id: r.webhook_id,
  url: r.url,
  eventTypes: r.event_types === null ? null : (JSON.parse(r.event_types) as string[]),
  description: r.description,
  status: r.status as WebhookStatus,
  statusReason: r.status_reason,
  failedPosition: r.failed_position === null ? null : Number(r.failed_position),
  secretVersion: Number(r.secret_version),
  previousSecretValidUntil: r.previous_secret_valid_until,
  subscribedAt: r.subscribed_at,
  subscribedBy: r.subscribed_by,
  deliveredThrough: c ? Number(c.position) : null,
  retryingPosition: c?.pending_position == null ? null : Number(c.pending_position),
  version: Number(r.version),
});

export const deliveryView = (r: Database['webhook_deliveries']): z.input<typeof WebhookDeliveryOut> => ({
  position: Number(r.position),
  eventId: r.event_id,
  eventType: r.event_type,
  attempt: Number(r.attempt),
  statusCode: r.status_code === null ? null : Number(r.status_code),
  error: r.error,
  durationMs: Number(r.duration_ms),
  attemptedAt: r.attempted_at,
  nextRetryAt: r.next_retry_at,
});
