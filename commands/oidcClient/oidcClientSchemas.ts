import { z } from 'zod';
import { OidcScope } from '../../domain/oidcClient/index.js';
import { Name, Url } from '../../domain/shared/index.js';

export const RegisterOidcClientBody = z.strictObject({
  name: Name,
  /** Where the PRM's provider may send people back with a code: https (http only on loopback). */
  redirectUris: z.array(Url).min(1).max(10),
  /** `openid` and any of `email`, `profile`, `prm` (the channel's claims), `offline_access` (refresh tokens). */
  scopes: z.array(OidcScope).min(1).max(5),
});
