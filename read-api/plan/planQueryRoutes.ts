import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import { PlanPeriod } from '../../domain/plan/index.js';
import { domainError, PartnerId, periodOf } from '../../domain/shared/index.js';
import { answer, queryRoute } from '../../http/routes.js';
import { Limit, StringCursor, toPage } from '../pagination.js';
import { visiblePartners } from '../partner/partnerVisibility.js';
import type { QueryDeps } from '../queryDeps.js';
import { isVendorStaff } from '../scorecard/scorecardScope.js';
import { PeriodPlansOut, PlanPage } from './planOut.js';
import { plansWithProgress } from './planProgress.js';

/** Joint business plans with their progress: one partner's (whoever sees the partner), or a period's (vendor staff). */
export const planQueryRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  const db = deps.readModels;
  const plans = () =>
    db
      .selectFrom('partner_plans')
      .innerJoin('partners', 'partners.partner_id', 'partner_plans.partner_id')
      .selectAll('partner_plans')
      .select('partners.name as partner_name');
  type Row = Awaited<ReturnType<ReturnType<typeof plans>['execute']>>[number];
  /** A page of plans with their progress (computed for the page's plans only). */
  const pagedViews = async (rows: Row[], limit: number, keyOf: (r: Row) => string) => {
    const { items, nextCursor } = toPage(rows, limit, (r) => r, keyOf);
    return { items: await plansWithProgress(deps.reader, items, deps.now()), nextCursor };
  };

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/partners/:id/plans',
      tags: ['plans', 'partners'],
      params: z.strictObject({ id: PartnerId }),
      query: z.strictObject({ limit: Limit, cursor: StringCursor.optional() }),
      response: PlanPage,
      summary: "A partner's business plans, latest period first, each objective with its progress",
    },
    async ({ params, query, principal }) => {
      const seen = await db
        .selectFrom('partners')
        .select('partner_id')
        .where('partner_id', '=', params.id)
        .where(visiblePartners(principal))
        .executeTakeFirst();
      if (!seen) return E.left(domainError('not_found', 'partner not found'));
      let q = plans().where('partner_plans.partner_id', '=', params.id);
      if (query.cursor) q = q.where('partner_plans.period', '<', query.cursor);
      const rows = await q
        .orderBy('partner_plans.period', 'desc')
        .limit(query.limit + 1)
        .execute();
      return E.right(answer(await pagedViews(rows, query.limit, (r) => r.period)));
    },
  );

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/plans',
      tags: ['plans'],
      query: z.strictObject({ period: PlanPeriod.optional(), limit: Limit, cursor: StringCursor.optional() }),
      response: PeriodPlansOut,
      problems: [403],
      summary:
        'Every business plan of a period (default: the current quarter) of the partners the caller manages ' +
        'or reads, with progress',
    },
    async ({ query, principal }) => {
      if (!isVendorStaff(principal))
        return E.left(domainError('forbidden', 'the plans of the channel are for vendor staff'));
      const period = query.period ?? periodOf(deps.now());
      let q = plans().where('partner_plans.period', '=', period).where(visiblePartners(principal));
      if (query.cursor) q = q.where('partner_plans.partner_id', '>', query.cursor);
      const rows = await q
        .orderBy('partner_plans.partner_id')
        .limit(query.limit + 1)
        .execute();
      const page = await pagedViews(rows, query.limit, (r) => r.partner_id);
      return E.right(answer({ period, ...page }));
    },
  );
};
