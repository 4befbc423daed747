import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import { isVendorAdmin } from '../domain/access/index.js';
import { domainError, PersonId } from '../domain/shared/index.js';
import { signToken } from './jwt.js';
import { answer, queryRoute } from './routes.js';
import { InstantOut, named } from './contract.js';

export const TokenBody = z.strictObject({
  personId: PersonId,
  /** Lifetime; default 8 hours, at most 30 days. */
  ttlSeconds: z
    .number()
    .int()
    .min(60)
    .max(30 * 86_400)
    .optional(),
});

/** `POST /auth/tokens`: a vendor admin issues a person's bearer token (HS256 JWT, `sub` = person id). */
export const tokenRoute = (
  app: FastifyInstance,
  deps: {
    jwtSecret: string;
    personExists: (personId: string) => Promise<boolean>;
    now: () => Date;
    /** Records the token issued in the audit access log (DESIGN §14). */
    issued?: (request: FastifyRequest, personId: string) => Promise<unknown>;
  },
) => {
  queryRoute(
    app,
    {
      method: 'POST',
      url: '/auth/tokens',
      summary: 'Issue a bearer token for a person',
      tags: ['auth'],
      body: TokenBody,
      response: named('Token', z.object({ token: z.string(), expiresAt: InstantOut })),
      status: 201,
      problems: [403, 404],
    },
    async ({ body, principal, request }) => {
      if (!isVendorAdmin(principal)) return E.left(domainError('forbidden', 'only vendor admins issue tokens'));
      if (!(await deps.personExists(body.personId))) return E.left(domainError('not_found', 'person not found'));
      const iat = Math.floor(deps.now().getTime() / 1000);
      const exp = iat + (body.ttlSeconds ?? 8 * 3600);
      await deps.issued?.(request, body.personId);
      return E.right(
        answer({
          token: signToken(deps.jwtSecret, { sub: body.personId, iat, exp }),
          expiresAt: new Date(exp * 1000).toISOString(),
        }),
      );
    },
  );
};
