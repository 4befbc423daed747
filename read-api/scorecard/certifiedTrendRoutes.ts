import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import { Period, periodBounds, periodOf } from '../../domain/shared/index.js';
import { answer, queryRoute } from '../../http/routes.js';
import type { QueryDeps } from '../queryDeps.js';
import { periodsUpTo } from './figures.js';
import { visibleScorecards } from './scorecardScope.js';
import { InstantOut, named } from '../../http/contract.js';

const CertifiedTrendOut = named(
  'CertifiedTrend',
  z.object({
    asOf: InstantOut,
    items: z.array(
      z.object({
        period: Period,
        at: InstantOut,
        partial: z.boolean().describe('the running period, counted now'),
        employees: z.number().int(),
        certifiedPeople: z.number().int(),
      }),
    ),
  }),
);

const Query = z.strictObject({ period: Period.optional(), periods: z.coerce.number().int().min(1).max(12).default(8) });

/**
 * Certified people period by period (the console's trend): at each period's end (now, for the running
 * period), the people employed by a partner the caller sees, and those of them holding a certification
 * valid then (earned before, expiring after, not yet revoked). The people read model keeps a
 * certification's latest expiry only, so a lapse later renewed counts as held through the gap.
 */
export const certifiedTrendRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  queryRoute(
    app,
    {
      method: 'GET',
      url: '/dashboards/certified-people',
      tags: ['scorecards', 'dashboards'],
      query: Query,
      response: CertifiedTrendOut,
      summary:
        'Employees and certified people of the partners the caller sees at the end of each of the last `periods` ' +
        'periods up to `period` (default: current; the running period counts now)',
    },
    async ({ query, principal }) => {
      const now = deps.now();
      const period = query.period ?? periodOf(now);
      const scope = visibleScorecards(principal);
      const items = [];
      for (const p of periodsUpTo(period, query.periods)) {
        const end = periodBounds(p).end;
        const at = new Date(Math.min(end.getTime(), now.getTime())).toISOString();
        const row = await deps.reader.get<{ employees: number; certified: number | null }>(
          `SELECT COUNT(*) AS employees,
           SUM(CASE WHEN EXISTS (SELECT 1 FROM certifications c
             WHERE c.person_id = e.person_id AND c.earned_at <= ? AND c.expires_at > ?
             AND (c.revoked_at IS NULL OR c.revoked_at > ?)) THEN 1 ELSE 0 END) AS certified
         FROM employments e JOIN scorecard_partners sp ON sp.partner_id = e.partner_id
         WHERE e.joined_at <= ? AND (e.left_at IS NULL OR e.left_at > ?) AND ${scope.sql}`,
          [at, at, at, at, at, ...scope.params],
        );
        items.push({
          period: p,
          at,
          partial: end > now,
          employees: Number(row?.employees ?? 0),
          certifiedPeople: Number(row?.certified ?? 0),
        });
      }
      return E.right(answer({ asOf: now.toISOString(), items }));
    },
  );
};
