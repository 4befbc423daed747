import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import type { Principal } from '../../domain/access/index.js';
import { domainError, FundId, PartnerId, Period } from '../../domain/shared/index.js';
import { answer, queryRoute } from '../../http/routes.js';
import { Limit, StringCursor, toPage } from '../pagination.js';
import { visiblePartners } from '../partner/partnerVisibility.js';
import type { QueryDeps } from '../queryDeps.js';
import { claimView, FundDetailOut, FundPage, fundView, requestView } from './mdfView.js';

const ListQuery = z.strictObject({
  partnerId: PartnerId.optional(),
  period: Period.optional(),
  status: z.enum(['open', 'expired', 'closed']).optional(),
  limit: Limit,
  cursor: StringCursor.optional(),
});

export const mdfQueryRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  const { readModels: db } = deps;
  /** Funds of the partners the caller may see (a partner's people see their own partner's funds only). */
  const visibleFunds = (principal: Principal) =>
    db
      .selectFrom('mdf_funds')
      .selectAll()
      .where('partner_id', 'in', db.selectFrom('partners').select('partner_id').where(visiblePartners(principal)));

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/mdf/funds',
      summary: 'MDF funds with balances, filtered by what the caller may see',
      tags: ['mdf'],
      query: ListQuery,
      response: FundPage,
    },
    async ({ query, principal }) => {
      const now = deps.now();
      let q = visibleFunds(principal);
      if (query.partnerId) q = q.where('partner_id', '=', query.partnerId);
      if (query.period) q = q.where('period', '=', query.period);
      if (query.status === 'closed') q = q.where('status', '=', 'closed');
      if (query.status === 'open') q = q.where('status', '=', 'open').where('expires_at', '>', now.toISOString());
      if (query.status === 'expired') q = q.where('status', '=', 'open').where('expires_at', '<=', now.toISOString());
      if (query.cursor) q = q.where('fund_id', '>', query.cursor);
      const rows = await q
        .orderBy('fund_id')
        .limit(query.limit + 1)
        .execute();
      return E.right(
        answer(
          toPage(
            rows,
            query.limit,
            (r) => fundView(r, now),
            (r) => r.fund_id,
          ),
        ),
      );
    },
  );

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/mdf/funds/:id',
      summary: 'One fund with its balances, requests and claims',
      tags: ['mdf'],
      params: z.strictObject({ id: FundId }),
      response: FundDetailOut,
      versioned: true,
    },
    async ({ params, principal }) => {
      const fund = await visibleFunds(principal).where('fund_id', '=', params.id).executeTakeFirst();
      if (!fund) return E.left(domainError('not_found', 'fund not found'));
      const [requests, claims] = await Promise.all([
        db
          .selectFrom('mdf_requests')
          .selectAll()
          .where('fund_id', '=', params.id)
          .orderBy('submitted_position')
          .execute(),
        db
          .selectFrom('mdf_claims')
          .selectAll()
          .where('fund_id', '=', params.id)
          .orderBy('submitted_position')
          .execute(),
      ]);
      const view = fundView(fund, deps.now());
      return E.right(
        answer({ ...view, requests: requests.map(requestView), claims: claims.map(claimView) }, view.version),
      );
    },
  );
};
