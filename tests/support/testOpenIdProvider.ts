import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { Provider } from '../../read-api/identity/provider/oidcProviderModule.js';

const RESOURCE = 'urn:prm:api';

export interface TestAccount {
  readonly email: string;
  readonly emailVerified: boolean;
}

/**
 * A vendor's identity provider on loopback for tests: oidc-provider with one client (the PRM console),
 * a signing key the test holds (to forge tokens it must refuse), JWT access tokens for the PRM's
 * audience carrying the verified email, and an interaction that signs in whoever `signInAs` named.
 */
export const startTestOpenIdProvider = async (options: {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  audience?: string;
}) => {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid: 'vendor-idp-1', alg: 'RS256', use: 'sig' };
  const audience = options.audience ?? options.clientId;
  const accounts = new Map<string, TestAccount>();
  let next: TestAccount | undefined;
  const claimsOf = (sub: string) => {
    const a = accounts.get(sub);
    return { sub, ...(a ? { email: a.email, email_verified: a.emailVerified } : {}) };
  };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [jwk] },
    // Email in the ID token, as Keycloak and Okta put it there.
    conformIdTokenClaims: false,
    cookies: { keys: ['test-idp-cookie-key-0123456789'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => claimsOf(sub) }),
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: 'api', audience, accessTokenFormat: 'jwt', accessTokenTTL: 600 }),
      },
    },
    extraTokenClaims: async (_ctx, token) =>
      token.kind === 'AccessToken' && 'accountId' in token && typeof token.accountId === 'string'
        ? (({ sub: _sub, ...rest }) => rest)(claimsOf(token.accountId))
        : undefined,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  });
  provider.on('server_error', (_ctx, error) => console.error('test IdP server_error', error));

  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return provider.callback()(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      const who = next;
      if (!who) return provider.interactionFinished(req, res, { error: 'access_denied' });
      accounts.set(who.email, who);
      const clientId = String(details.params.client_id);
      const grant = new provider.Grant({ accountId: who.email, clientId });
      grant.addOIDCScope('openid email profile');
      if (typeof details.params.resource === 'string') grant.addResourceScope(details.params.resource, 'api');
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: who.email }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });

  /** A token signed by this provider's key (or another), for the refusals. */
  const forge = async (claims: Record<string, unknown>, signWith: 'own' | 'unknown' = 'own') => {
    const key = signWith === 'own' ? privateKey : (await generateKeyPair('RS256')).privateKey;
    return (
      new SignJWT(claims)
        // The unknown key claims the provider's key id: only the signature tells them apart.
        .setProtectedHeader({ alg: 'RS256', kid: 'vendor-idp-1', typ: 'at+jwt' })
        .sign(key)
    );
  };

  return {
    issuer,
    audience,
    /** The resource indicator asking for a token to call the PRM (the audience is the PRM's client id). */
    resource: RESOURCE,
    provider,
    /** The next interaction signs in this person. */
    signInAs: (account: TestAccount) => {
      next = account;
    },
    forge,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
export type TestOpenIdProvider = Awaited<ReturnType<typeof startTestOpenIdProvider>>;
