import { z } from 'zod';
import { defineEvent, idSchema, Name, Url, type EventOf } from '../shared/index.js';

export const OidcClientId = idSchema('oidcClient');
/** What a partner app may ask the PRM's provider for: `prm` carries the channel's claims. */
export const OidcScope = z.enum(['openid', 'email', 'profile', 'prm', 'offline_access']);
export type OidcScope = z.infer<typeof OidcScope>;

/** A partner-facing app (LMS, co-marketing, quoting) registered with the PRM's OpenID provider. */
export const OidcClientRegistered = defineEvent(
  'OidcClientRegistered',
  z.object({
    clientId: OidcClientId,
    name: Name,
    redirectUris: z.array(Url).min(1),
    scopes: z.array(OidcScope).min(1),
  }),
);

export const oidcClientEvents = [OidcClientRegistered] as const;
export type OidcClientEvent = EventOf<typeof oidcClientEvents>;
