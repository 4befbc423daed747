import { z } from 'zod';
import { defineEvent, Instant, Reason, WebhookId, type EventOf } from '../shared/index.js';

/** An event type a subscription may ask for, e.g. `DealApproved`. */
export const EventTypeName = z.string().regex(/^[A-Z][A-Za-z0-9]{1,80}$/, 'must be an event type, e.g. DealApproved');

/**
 * A subscription. The signing secret is never in the log (auditors, the feed and other webhooks read
 * it): it derives from the server's webhook key, the id and `secretVersion`.
 */
export const WebhookSubscribed = defineEvent(
  'WebhookSubscribed',
  z.object({
    webhookId: WebhookId,
    url: z.string().max(2048),
    /** Absent: every event. */
    eventTypes: z.array(EventTypeName).min(1).max(100).optional(),
    description: z.string().max(500).optional(),
    secretVersion: z.number().int().min(1),
  }),
);
export const WebhookDisabled = defineEvent('WebhookDisabled', z.object({ reason: Reason.optional() }));
export const WebhookEnabled = defineEvent('WebhookEnabled', z.object({}));
/** Deliveries are signed with the new secret, and with the previous one too until `previousValidUntil`. */
export const WebhookSecretRotated = defineEvent(
  'WebhookSecretRotated',
  z.object({ secretVersion: z.number().int().min(2), previousValidUntil: Instant }),
);
/** Delivery gave up on the event at `position` after retrying since `failingSince`: the subscription stops. */
export const WebhookMarkedFailing = defineEvent(
  'WebhookMarkedFailing',
  z.object({
    position: z.number().int().min(1),
    eventId: z.string().max(100),
    attempts: z.number().int().min(1),
    failingSince: Instant,
    lastError: z.string().max(500),
  }),
);
/** Deliver again from `fromPosition` (inclusive), in log order. */
export const WebhookReplayRequested = defineEvent(
  'WebhookReplayRequested',
  z.object({ fromPosition: z.number().int().min(1) }),
);

export const webhookEvents = [
  WebhookSubscribed,
  WebhookDisabled,
  WebhookEnabled,
  WebhookSecretRotated,
  WebhookMarkedFailing,
  WebhookReplayRequested,
] as const;
export type WebhookEvent = EventOf<typeof webhookEvents>;
export const webhookEventTypes: readonly string[] = webhookEvents.map((e) => e.type);
