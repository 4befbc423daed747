import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { CLOCK_SKEW_SECONDS, type RelyingPartyOptions } from './identityOptions.js';

/** Plain http only for a provider on this machine (development and tests); anything else needs https. */
const loopback = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

/**
 * The vendor's OpenID provider as openid-client knows it: discovered on first use (a provider that is
 * down does not stop the server; the next sign-in tries again), ID token signatures checked against its
 * JWKS (non-repudiation checks), clock skew bounded.
 */
export const createRelyingParty = (options: RelyingPartyOptions) => {
  const issuer = new URL(options.issuer);
  const insecure = issuer.protocol === 'http:' && loopback(issuer);
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = () => {
    discovered ??= client
      .discovery(
        issuer,
        options.clientId,
        {
          ...(options.clientSecret ? { client_secret: options.clientSecret } : {}),
          [client.clockTolerance]: CLOCK_SKEW_SECONDS,
        },
        undefined,
        {
          ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
        },
      )
      .then((config) => {
        client.enableNonRepudiationChecks(config);
        return config;
      });
    discovered.catch(() => {
      discovered = undefined;
    });
    return discovered;
  };
  let keys: ReturnType<typeof createRemoteJWKSet> | undefined;
  const jwks = async () => {
    const uri = (await configuration()).serverMetadata().jwks_uri;
    if (!uri) throw new Error('the identity provider publishes no jwks_uri');
    keys ??= createRemoteJWKSet(new URL(uri));
    return keys;
  };
  return {
    configuration,
    /**
     * The verified address of an access token of this issuer for our audience, unexpired (within the
     * skew) and signed by one of its keys; undefined for any other token.
     */
    accessTokenEmail: async (token: string, now: Date): Promise<string | undefined> => {
      try {
        const { payload } = await jwtVerify(token, await jwks(), {
          issuer: (await configuration()).serverMetadata().issuer,
          audience: options.audience ?? options.clientId,
          clockTolerance: CLOCK_SKEW_SECONDS,
          currentDate: now,
          requiredClaims: ['exp'],
        });
        return typeof payload.email === 'string' && payload.email_verified === true ? payload.email : undefined;
      } catch {
        return undefined;
      }
    },
  };
};
export type RelyingParty = ReturnType<typeof createRelyingParty>;
