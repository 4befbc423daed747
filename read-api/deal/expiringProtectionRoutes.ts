import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import { PartnerId, Slug } from '../../domain/shared/index.js';
import { answer, queryRoute } from '../../http/routes.js';
import { externalRefsOf } from '../externalRef/externalRefs.js';
import { Cursor, Limit, toPage } from '../pagination.js';
import type { QueryDeps } from '../queryDeps.js';
import { visibleDealRows } from './dealQueryRoutes.js';
import { DealOut, dealView, type DealRow } from './dealView.js';
import { InstantOut, named } from '../../http/contract.js';

const ExpiringProtectionsOut = named(
  'ExpiringProtections',
  z.object({
    asOf: InstantOut,
    withinDays: z.number().int(),
    items: z.array(DealOut),
    nextCursor: z.string().nullable(),
  }),
);

const DAY = 86_400_000;
/** Keyset: [protectedUntil, dealId]. */
const ExpiryCursor = Cursor.pipe(z.tuple([z.string(), z.string()], { error: 'not a cursor from this API' }));
const Query = z.strictObject({
  withinDays: z.coerce.number().int().min(1).max(365).default(30),
  partnerId: PartnerId.optional(),
  productLine: Slug.optional(),
  limit: Limit,
  cursor: ExpiryCursor.optional(),
});

/**
 * Approved registrations whose protection runs out within `withinDays`, soonest first: what a channel
 * manager (or a partner's rep) acts on before the sweeper expires them. Same visibility as `GET /deals`.
 */
export const expiringProtectionRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  queryRoute(
    app,
    {
      method: 'GET',
      url: '/dashboards/expiring-protections',
      tags: ['deals', 'dashboards'],
      query: Query,
      response: ExpiringProtectionsOut,
      summary:
        'Approved deal registrations whose protection ends within `withinDays` (default 30), soonest first, ' +
        'filtered by what the caller may see',
    },
    async ({ query, principal }) => {
      const now = deps.now();
      let q = visibleDealRows(deps.readModels, principal)
        .where('deals.status', '=', 'approved')
        .where('deals.protected_until', '>', now.toISOString())
        .where('deals.protected_until', '<=', new Date(now.getTime() + query.withinDays * DAY).toISOString());
      if (query.partnerId) q = q.where('deals.partner_id', '=', query.partnerId);
      if (query.productLine) q = q.where('deals.product_line', '=', query.productLine);
      if (query.cursor) {
        const [until, id] = query.cursor;
        q = q.where((eb) =>
          eb.or([
            eb('deals.protected_until', '>', until),
            eb.and([eb('deals.protected_until', '=', until), eb('deals.deal_id', '>', id)]),
          ]),
        );
      }
      const rows = (await q
        .orderBy('deals.protected_until')
        .orderBy('deals.deal_id')
        .limit(query.limit + 1)
        .execute()) as DealRow[];
      const refs = await externalRefsOf(
        deps.reader,
        'deal',
        rows.slice(0, query.limit).map((r) => r.deal_id),
      );
      return E.right(
        answer({
          asOf: now.toISOString(),
          withinDays: query.withinDays,
          ...toPage(
            rows,
            query.limit,
            (r) => ({ ...dealView(r, now), externalRefs: refs(r.deal_id) }),
            (r) => [r.protected_until, r.deal_id],
          ),
        }),
      );
    },
  );
};
