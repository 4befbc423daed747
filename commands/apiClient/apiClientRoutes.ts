import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import type { CommandResult } from '../pipeline/index.js';
import { commandRoute, CommandResultBody, type CommandKit } from '../../http/commandRoute.js';
import { named } from '../../http/contract.js';
import { API_KEY_PREFIX } from '../../http/authenticate.js';
import type { ApiClientCommands, KeyDigest } from './apiClientCommands.js';
import * as S from './apiClientSchemas.js';

/** A new key: `prmk_` and 256 random bits; the log and the read model only ever see its digest. */
const newKey = (): { key: string } & KeyDigest => {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, keyHash: createHash('sha256').update(key).digest('hex'), keyPrefix: key.slice(0, 12) };
};

const IssuedKey = named(
  'IssuedApiKey',
  z.object({
    ...CommandResultBody.shape,
    key: z
      .string()
      .optional()
      .describe('the bearer key, shown once: absent when an Idempotency-Key replays the answer'),
  }),
);

/** Service accounts over HTTP: create (201 with the key, shown once), rotate, revoke. */
export const apiClientCommandRoutes = (app: FastifyInstance, kit: CommandKit, clients: ApiClientCommands) => {
  const keyed = { result: IssuedKey, secretFields: ['key'] } as const;
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/api-clients',
      summary: 'Create an API client (service account); its key is in this answer only',
      tags: ['api-clients'],
      body: S.CreateApiClientBody,
      created: true,
      ...keyed,
    },
    async ({ body, principal, ctx }) => {
      const { key, ...digest } = newKey();
      const outcome = await clients.create(ctx, principal, { ...body, ...digest });
      return E.map((result: CommandResult) => ({ ...result, key }))(outcome);
    },
  );
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/api-clients/:id/rotate',
      summary: 'Issue a new key; the previous ones keep working for graceSeconds (default 0)',
      tags: ['api-clients'],
      params: S.ApiClientParams,
      body: S.RotateApiClientKeyBody,
      ...keyed,
    },
    async ({ params, body, principal, ctx }) => {
      const { key, ...digest } = newKey();
      const outcome = await clients.rotate(ctx, principal, { clientId: params.id, ...body, ...digest });
      return E.map((result: CommandResult) => ({ ...result, key }))(outcome);
    },
  );
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/api-clients/:id/revoke',
      summary: 'Revoke an API client: its keys are refused from the next request on',
      tags: ['api-clients'],
      params: S.ApiClientParams,
      body: S.RevokeApiClientBody,
    },
    ({ params, body, principal, ctx }) => clients.revoke(ctx, principal, { clientId: params.id, ...body }),
  );
};
