import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { named } from '../../http/contract.js';
import { cookieOf } from '../../http/cookies.js';
import { verifyToken } from '../../http/jwt.js';
import { SESSION_COOKIE } from './identityOptions.js';
import { endSession, type SessionKit } from './consoleSession.js';
import { publicRoute } from './publicRoute.js';

const SignInOptions = named(
  'SignInOptions',
  z.object({
    provider: z.boolean().describe('"Sign in" goes through the vendor\'s OpenID provider (GET /auth/login)'),
    magicLinks: z.boolean().describe('one-time sign-in links by mail (POST /auth/magic-links)'),
    devTokenSignIn: z.boolean().describe('pasting a token is allowed (development only: PRM_DEV_TOKEN_SIGNIN)'),
    signedIn: z.boolean().describe('the request carries an unexpired session cookie'),
  }),
);

/** `GET /auth/options` (what the console offers) and `POST /auth/logout` (ends the console's session). */
export const sessionRoutes = (
  app: FastifyInstance,
  deps: SessionKit & { provider: boolean; devTokenSignIn: boolean },
) => {
  publicRoute(
    app,
    { method: 'GET', url: '/auth/options', summary: 'How people may sign in to the console', response: SignInOptions },
    async (request) => ({
      provider: deps.provider,
      magicLinks: true,
      devTokenSignIn: deps.devTokenSignIn,
      // The console asks before calling the API, so a visitor without a session sees no 401.
      signedIn:
        verifyToken(
          deps.jwtSecret,
          cookieOf(request, SESSION_COOKIE) ?? '',
          Math.floor(deps.now().getTime() / 1000),
        ) !== undefined,
    }),
  );
  app.post('/auth/logout', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    endSession(reply, deps);
    return reply.code(204).send();
  });
};
