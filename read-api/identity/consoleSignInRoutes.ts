import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EncryptJWT, jwtDecrypt } from 'jose';
import * as client from 'openid-client';
import { actorOf } from '../../commands/auth/actorOf.js';
import { cookieOf, setCookie } from '../../http/cookies.js';
import { problem, sendProblem } from '../../http/problem.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import { addressOf, secureCookies, startSession, type SessionKit } from './consoleSession.js';
import { recordIdentity, type IdentityRecord } from './identityAudit.js';
import type { RelyingParty } from './relyingParty.js';
import { sendRefusal } from './signInPages.js';
import { matchPerson } from './signInPerson.js';

const ROUND_TRIP_COOKIE = 'prm_oidc';
const ROUND_TRIP_SECONDS = 600;

export interface ConsoleSignInDeps extends SessionKit {
  /** Absent: no provider configured, and both routes answer 404. */
  readonly relyingParty?: RelyingParty;
  readonly reader: SqlDb;
  readonly writeDb: SqlDb;
}

/** The ID token's claims; the provider's userinfo when the ID token carries no email (Okta's, by default). */
const identityClaims = async (
  config: client.Configuration,
  tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers,
) => {
  const claims = tokens.claims();
  if (!claims || typeof claims.email === 'string') return claims;
  const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub).catch(() => undefined);
  return info ? { ...claims, email: info.email, email_verified: info.email_verified } : claims;
};

const hidden = { config: { public: true }, schema: { hide: true } } as const;

/**
 * `GET /auth/login` and `GET /auth/callback`: the console's sign-in with the vendor's OpenID provider,
 * authorization code + PKCE. State, nonce and the PKCE verifier travel in an encrypted, http-only cookie
 * that lives 10 minutes; the callback checks them (openid-client), verifies the ID token against the
 * provider's JWKS, and matches its verified email to a registered person who may sign in.
 */
export const consoleSignInRoutes = (app: FastifyInstance, deps: ConsoleSignInDeps) => {
  const key = createHash('sha256').update(`${deps.jwtSecret}:oidc-round-trip`).digest();
  const redirectUri = `${deps.publicUrl}/auth/callback`;
  const roundTripCookie = (reply: FastifyReply, value: string, maxAgeSeconds: number) =>
    setCookie(reply, ROUND_TRIP_COOKIE, value, {
      maxAgeSeconds,
      path: '/auth',
      // Lax: the provider's redirect back is a cross-site top-level navigation.
      sameSite: 'Lax',
      secure: secureCookies(deps),
    });
  const audit = (request: FastifyRequest, record: Omit<IdentityRecord, 'method' | 'route' | 'url' | 'address'>) =>
    recordIdentity(
      deps.writeDb,
      { ...record, method: request.method, route: '/auth/callback', url: request.url, address: addressOf(request) },
      deps.now(),
    );

  const { relyingParty } = deps;
  const noProvider = (reply: FastifyReply) =>
    sendProblem(reply, problem(404, 'not_found', 'no identity provider is configured (PRM_OIDC_ISSUER)'));

  app.get('/auth/login', hidden, async (_request, reply) => {
    if (!relyingParty) return noProvider(reply);
    const config = await relyingParty.configuration();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const sealed = await new EncryptJWT({ state, nonce, verifier })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt()
      .setExpirationTime(`${ROUND_TRIP_SECONDS}s`)
      .encrypt(key);
    roundTripCookie(reply, sealed, ROUND_TRIP_SECONDS);
    return reply.code(302).header('location', url.href).send();
  });

  app.get('/auth/callback', hidden, async (request, reply) => {
    if (!relyingParty) return noProvider(reply);
    const sealed = cookieOf(request, ROUND_TRIP_COOKIE);
    roundTripCookie(reply, '', 0);
    const trip = sealed ? await jwtDecrypt(sealed, key).catch(() => undefined) : undefined;
    const { state, nonce, verifier } = (trip?.payload ?? {}) as Record<string, unknown>;
    if (typeof state !== 'string' || typeof nonce !== 'string' || typeof verifier !== 'string')
      return sendRefusal(reply, 'failed');
    const config = await relyingParty.configuration();
    const tokens = await client
      .authorizationCodeGrant(config, new URL(request.url, deps.publicUrl), {
        pkceCodeVerifier: verifier,
        expectedState: state,
        expectedNonce: nonce,
        idTokenExpected: true,
      })
      .catch((error: unknown) => {
        request.log.warn({ err: error }, 'sign-in with the identity provider failed');
        return undefined;
      });
    const claims = tokens ? await identityClaims(config, tokens) : undefined;
    if (!claims) {
      await audit(request, { event: 'sign_in_refused', actor: { kind: 'anonymous', id: '-' }, status: 400 });
      return sendRefusal(reply, 'failed');
    }
    const email = typeof claims.email === 'string' ? claims.email : '';
    const match = await matchPerson(deps.reader, email, email !== '' && claims.email_verified === true);
    if (!match.ok) {
      await audit(request, {
        event: 'sign_in_refused',
        actor: { kind: 'email', id: email || claims.sub },
        status: 403,
        clientId: config.clientMetadata().client_id,
      });
      return sendRefusal(reply, match.refusal);
    }
    await audit(request, {
      event: 'sign_in',
      actor: actorOf(match.principal),
      status: 303,
      clientId: config.clientMetadata().client_id,
    });
    startSession(reply, deps, match.personId);
    return reply.code(303).header('location', '/').send();
  });
};
