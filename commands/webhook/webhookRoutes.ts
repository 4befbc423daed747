import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { commandRoute, CommandResultBody, type CommandKit } from '../../http/commandRoute.js';
import { named } from '../../http/contract.js';
import type { WebhookCommands } from './webhookCommands.js';
import * as S from './webhookSchemas.js';

/** What subscribe and rotate-secret answer: where the events landed, and the new signing secret. */
const IssuedWebhookSecret = named(
  'IssuedWebhookSecret',
  z.object({
    ...CommandResultBody.shape,
    secret: z
      .string()
      .regex(/^whsec_[A-Za-z0-9+/]+=*$/)
      .optional()
      .describe('the signing secret (whsec_…), shown once: absent when an Idempotency-Key replays the answer'),
  }),
);

/** Webhook subscriptions over HTTP (DESIGN §11); the secret is in the answer of subscribe and rotate-secret only. */
export const webhookCommandRoutes = (app: FastifyInstance, kit: CommandKit, webhooks: WebhookCommands) => {
  const tags = ['webhooks'];
  // The secret is never stored, not even with an Idempotency-Key's record: a replay answers without it.
  const withSecret = { result: IssuedWebhookSecret, secretFields: ['secret'] } as const;
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/webhooks',
      summary: 'Subscribe a URL to events; answers the signing secret (whsec_…), shown this once',
      tags,
      body: S.SubscribeWebhookBody,
      created: true,
      ...withSecret,
    },
    ({ body, principal, ctx }) => webhooks.subscribe(ctx, principal, body),
  );
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/webhooks/:id/disable',
      summary: 'Stop deliveries',
      tags,
      params: S.WebhookParams,
      body: S.DisableWebhookBody,
    },
    ({ params, body, principal, ctx }) => webhooks.disable(ctx, principal, { webhookId: params.id, ...body }),
  );
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/webhooks/:id/enable',
      summary: 'Resume deliveries from the first event not yet acknowledged',
      tags,
      params: S.WebhookParams,
      body: S.EmptyBody,
    },
    ({ params, principal, ctx }) => webhooks.enable(ctx, principal, { webhookId: params.id }),
  );
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/webhooks/:id/rotate-secret',
      summary: 'A new signing secret (answered once); the old one keeps signing for a grace period',
      tags,
      params: S.WebhookParams,
      body: S.RotateSecretBody,
      ...withSecret,
    },
    ({ params, body, principal, ctx }) => webhooks.rotateSecret(ctx, principal, { webhookId: params.id, ...body }),
  );
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/webhooks/:id/replay',
      summary: 'Deliver again from a log position (inclusive), in log order',
      tags,
      params: S.WebhookParams,
      body: S.ReplayBody,
    },
    ({ params, body, principal, ctx }) => webhooks.replay(ctx, principal, { webhookId: params.id, ...body }),
  );
};
