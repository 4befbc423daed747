import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import { commandRoute, CommandResultBody, type CommandKit } from '../../http/commandRoute.js';
import { named } from '../../http/contract.js';
import type { CommandResult } from '../pipeline/index.js';
import type { OidcClientCommands } from './oidcClientCommands.js';
import { RegisterOidcClientBody } from './oidcClientSchemas.js';

const RegisteredClient = named(
  'RegisteredOidcClient',
  z.object({
    ...CommandResultBody.shape,
    clientSecret: z
      .string()
      .optional()
      .describe('the client secret (client_secret_basic), shown once: absent when an Idempotency-Key replays'),
  }),
);

/**
 * `POST /oidc-clients`: a vendor admin registers a partner app. The secret derives from the server's key
 * and the client id (`secretOf`), so neither the log nor a table holds it.
 */
export const oidcClientCommandRoutes = (
  app: FastifyInstance,
  kit: CommandKit,
  clients: OidcClientCommands,
  secretOf: (clientId: string) => string,
) => {
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/oidc-clients',
      summary: 'Register a partner app with the PRM identity provider; its secret is in this answer only',
      tags: ['identity'],
      body: RegisterOidcClientBody,
      created: true,
      result: RegisteredClient,
      secretFields: ['clientSecret'],
    },
    async ({ body, principal, ctx }) => {
      const outcome = await clients.register(ctx, principal, body);
      return E.map((result: CommandResult) => ({ ...result, clientSecret: secretOf(result.id) }))(outcome);
    },
  );
};
