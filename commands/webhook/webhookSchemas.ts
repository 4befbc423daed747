import { z } from 'zod';
import { eventDefinitions } from '../../domain/index.js';
import { Reason, singleLine, Url, WebhookId } from '../../domain/shared/index.js';
import { EventTypeName } from '../../domain/webhook/index.js';

const known = new Set(eventDefinitions.map((d) => d.type));

export const WebhookParams = z.strictObject({ id: WebhookId });
export const SubscribeWebhookBody = z.strictObject({
  url: Url,
  /** Only these event types (a type the log cannot hold is a typo, refused); absent: every event. */
  eventTypes: z
    .array(EventTypeName.refine((t) => known.has(t), 'no such event type'))
    .min(1)
    .max(100)
    .optional(),
  description: singleLine(500).optional(),
});
export const DisableWebhookBody = z.strictObject({ reason: Reason.optional() });
export const EmptyBody = z.strictObject({});
export const RotateSecretBody = z.strictObject({
  /** How long deliveries stay signed with the old secret too (default a day), so receivers can switch. */
  previousSecretValidForSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400)
    .default(86_400),
});
export const ReplayBody = z.strictObject({ fromPosition: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
