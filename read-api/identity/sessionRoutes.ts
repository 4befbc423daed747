import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { named } from '../../http/contract.js';
import { endSession, type SessionKit } from './consoleSession.js';
import { publicRoute } from './publicRoute.js';

const SignInOptions = named(
  'SignInOptions',
  z.object({
    provider: z.boolean().describe('"Sign in" goes through the vendor\'s OpenID provider (GET /auth/login)'),
    magicLinks: z.boolean().describe('one-time sign-in links by mail (POST /auth/magic-links)'),
    devTokenSignIn: z.boolean().describe('pasting a token is allowed (development only: PRM_DEV_TOKEN_SIGNIN)'),
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
    async () => ({ provider: deps.provider, magicLinks: true, devTokenSignIn: deps.devTokenSignIn }),
  );
  app.post('/auth/logout', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    endSession(reply, deps);
    return reply.code(204).send();
  });
};
