import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ADMIN_KEY_PRINCIPAL, type Principal } from '../domain/access/index.js';
import { cookieOf } from './cookies.js';
import { verifyToken } from './jwt.js';
import { problem, sendProblem } from './problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** No token needed: health, metrics, docs, the web dashboard's files. */
    public?: boolean;
  }
}

export interface AuthOptions {
  readonly adminKey: string;
  readonly jwtSecret: string;
  /** The caller's principal as the access read model knows it now; undefined when unknown. */
  readonly loadPrincipal: (personId: string) => Promise<Principal | undefined>;
  /** The API client whose valid key this is, now; undefined for an unknown, ended or revoked key. */
  readonly loadApiClient: (key: string) => Promise<Principal | undefined>;
  readonly now: () => Date;
  /** The console's session cookie: a person token like the bearer one, used when no header is sent. */
  readonly sessionCookie?: string;
  /** The person an access token of the configured OpenID provider names; undefined when it is not one. */
  readonly verifyAccessToken?: (token: string) => Promise<string | undefined>;
}

export const API_KEY_PREFIX = 'prmk_';

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export const principalOf = (request: FastifyRequest): Principal => {
  if (!request.principal) throw new Error('route reached without authentication');
  return request.principal;
};

/** Our own person token, else (never from the session cookie) an access token of the vendor's provider. */
const personOf = async (options: AuthOptions, token: string, fromCookie: boolean) => {
  const claims = verifyToken(options.jwtSecret, token, Math.floor(options.now().getTime() / 1000));
  const personId =
    claims?.sub ?? (!fromCookie && options.verifyAccessToken ? await options.verifyAccessToken(token) : undefined);
  return personId ? options.loadPrincipal(personId) : undefined;
};

/**
 * Every non-public request needs `Authorization: Bearer <admin key | API key | JWT | the identity provider's
 * access token>` or the console's session cookie; the principal is re-read each time.
 */
export const useAuthentication = (app: FastifyInstance, options: AuthOptions) => {
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config?.public) return;
    const header = request.headers.authorization;
    const session = options.sessionCookie && !header ? cookieOf(request, options.sessionCookie) : undefined;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : session;
    if (!token)
      return sendProblem(
        reply.header('www-authenticate', 'Bearer'),
        problem(401, 'unauthenticated', 'a bearer token is required'),
      );
    if (sameSecret(token, options.adminKey)) {
      request.principal = ADMIN_KEY_PRINCIPAL;
      return;
    }
    // API keys and JWTs look nothing alike: a key is `prmk_…`, a JWT three dot-separated parts.
    const principal = token.startsWith(API_KEY_PREFIX)
      ? await options.loadApiClient(token)
      : await personOf(options, token, session !== undefined);
    if (!principal)
      return sendProblem(
        reply.header('www-authenticate', 'Bearer error="invalid_token"'),
        problem(401, 'invalid_token', 'the token is invalid, expired, revoked, or names no known person'),
      );
    request.principal = principal;
  });
};
