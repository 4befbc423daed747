import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import { hasVendorRole, mayManageWebhooks, type Principal } from '../../domain/access/index.js';
import { domainError, WebhookId } from '../../domain/shared/index.js';
import { answer, queryRoute } from '../../http/routes.js';
import { Cursor, Limit, StringCursor, toPage } from '../pagination.js';
import type { QueryDeps } from '../queryDeps.js';
import {
  deliveryView,
  WebhookDeliveryPage,
  WebhookOut,
  WebhookPage,
  WebhookStatus,
  webhookView,
} from './webhookView.js';

/** Vendor admins manage webhooks; auditors read who subscribed what and how deliveries went. */
const mayRead = (p: Principal) => mayManageWebhooks(p) || hasVendorRole(p, 'auditor');
const refused = () => E.left(domainError('forbidden', 'only vendor admins and auditors read webhooks'));

export const webhookQueryRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  const db = deps.readModels;
  const checkpointsOf = async (ids: readonly string[]) =>
    ids.length
      ? new Map(
          (
            await db
              .selectFrom('webhook_checkpoints')
              .select(['webhook_id', 'position', 'pending_position'])
              .where('webhook_id', 'in', ids)
              .execute()
          ).map((c) => [c.webhook_id, c]),
        )
      : new Map();

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/webhooks',
      summary: 'Webhook subscriptions (never their secrets)',
      tags: ['webhooks'],
      query: z.strictObject({
        status: WebhookStatus.optional(),
        limit: Limit,
        cursor: StringCursor.optional(),
      }),
      response: WebhookPage,
      problems: [403],
    },
    async ({ query, principal }) => {
      if (!mayRead(principal)) return refused();
      let q = db.selectFrom('webhooks').selectAll();
      if (query.status) q = q.where('status', '=', query.status);
      if (query.cursor) q = q.where('webhook_id', '>', query.cursor);
      const rows = await q
        .orderBy('webhook_id')
        .limit(query.limit + 1)
        .execute();
      const checkpoints = await checkpointsOf(rows.map((r) => r.webhook_id));
      return E.right(
        answer(
          toPage(
            rows,
            query.limit,
            (r) => webhookView(r, checkpoints.get(r.webhook_id)),
            (r) => r.webhook_id,
          ),
        ),
      );
    },
  );

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/webhooks/:id',
      summary: 'One webhook subscription and where its delivery stands',
      tags: ['webhooks'],
      params: z.strictObject({ id: WebhookId }),
      response: WebhookOut,
      versioned: true,
      problems: [403],
    },
    async ({ params, principal }) => {
      if (!mayRead(principal)) return refused();
      const row = await db.selectFrom('webhooks').selectAll().where('webhook_id', '=', params.id).executeTakeFirst();
      if (!row) return E.left(domainError('not_found', 'webhook not found'));
      const view = webhookView(row, (await checkpointsOf([row.webhook_id])).get(row.webhook_id));
      return E.right(answer(view, view.version));
    },
  );

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/webhooks/:id/deliveries',
      summary: 'Delivery attempts, newest first: event position, status code, error, duration, next retry',
      tags: ['webhooks'],
      params: z.strictObject({ id: WebhookId }),
      query: z.strictObject({
        position: z.coerce.number().int().min(1).optional(),
        failed: z
          .enum(['true', 'false'])
          .transform((v) => v === 'true')
          .optional(),
        limit: Limit,
        cursor: Cursor.pipe(z.number({ error: 'not a cursor from this API' }).int()).optional(),
      }),
      response: WebhookDeliveryPage,
      problems: [403],
    },
    async ({ params, query, principal }) => {
      if (!mayRead(principal)) return refused();
      const exists = await db
        .selectFrom('webhooks')
        .select('webhook_id')
        .where('webhook_id', '=', params.id)
        .executeTakeFirst();
      if (!exists) return E.left(domainError('not_found', 'webhook not found'));
      let q = db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', params.id);
      if (query.position !== undefined) q = q.where('position', '=', query.position);
      if (query.failed === true)
        q = q.where((eb) =>
          eb.or([eb('status_code', 'is', null), eb('status_code', '<', 200), eb('status_code', '>=', 300)]),
        );
      if (query.failed === false) q = q.where('status_code', '>=', 200).where('status_code', '<', 300);
      if (query.cursor !== undefined) q = q.where('seq', '<', query.cursor);
      const rows = await q
        .orderBy('seq', 'desc')
        .limit(query.limit + 1)
        .execute();
      return E.right(answer(toPage(rows, query.limit, deliveryView, (r) => Number(r.seq))));
    },
  );
};
