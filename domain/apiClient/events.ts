import { z } from 'zod';
import { ApiClientId, defineEvent, Instant, Name, Reason, Slug, VendorRole, type EventOf } from '../shared/index.js';

/** What an API client may be: a vendor role, or `integration` (reads the event feed). */
export const ApiClientRole = z.enum([...VendorRole.options, 'integration']);
export type ApiClientRole = z.infer<typeof ApiClientRole>;

/**
 * SHA-256 (hex) of a key, never the key: keys are 256 random bits, so the hash gives nothing to guess
 * from, and the credential's whole life stays in the log (README, "API clients").
 */
export const KeyHash = z.string().regex(/^[0-9a-f]{64}$/);
/** The key's first characters, to tell keys apart in lists. */
export const KeyPrefix = z.string().min(4).max(16);

export const ApiClientCreated = defineEvent(
  'ApiClientCreated',
  z.object({
    clientId: ApiClientId,
    name: Name,
    roles: z.array(ApiClientRole).min(1),
    regions: z.array(Slug).optional(),
    keyHash: KeyHash,
    keyPrefix: KeyPrefix,
  }),
);
export const ApiClientKeyRotated = defineEvent(
  'ApiClientKeyRotated',
  z.object({ keyHash: KeyHash, keyPrefix: KeyPrefix, previousKeysValidUntil: Instant }),
);
export const ApiClientRevoked = defineEvent('ApiClientRevoked', z.object({ reason: Reason.optional() }));

export const apiClientEvents = [ApiClientCreated, ApiClientKeyRotated, ApiClientRevoked] as const;
export type ApiClientEvent = EventOf<typeof apiClientEvents>;
