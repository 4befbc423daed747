import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import { PlanPeriod, yearBefore } from '../../domain/plan/index.js';
import { domainError, periodOf } from '../../domain/shared/index.js';
import { answer, queryRoute } from '../../http/routes.js';
import { Limit, StringCursor, toPage } from '../pagination.js';
import type { QueryDeps } from '../queryDeps.js';
import { isVendorStaff } from '../scorecard/scorecardScope.js';
import { leadDashboard } from './leadDashboard.js';
import { leadFactScope } from './leadFacts.js';
import { LeadDashboardOut } from './leadOut.js';

export const leadDashboardRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  queryRoute(
    app,
    {
      method: 'GET',
      url: '/dashboards/leads',
      tags: ['leads', 'dashboards'],
      query: z.strictObject({ period: PlanPeriod.optional(), limit: Limit, cursor: StringCursor.optional() }),
      response: LeadDashboardOut,
      problems: [403],
      summary:
        'Vendor-sourced leads for a quarter or year (default: the current quarter), for the channel, each lead ' +
        'region and each partner: assigned, accepted, declined, lapsed, converted, won; median hours to ' +
        'accept; conversion this period against the same period a year earlier',
    },
    async ({ query, principal }) => {
      if (!isVendorStaff(principal)) return E.left(domainError('forbidden', 'the leads dashboard is for vendor staff'));
      const now = deps.now();
      const period = query.period ?? periodOf(now);
      const figures = await leadDashboard(deps.reader, leadFactScope(principal), period, {
        after: query.cursor,
        rows: query.limit + 1,
      });
      const shown = figures.partners;
      const ids = shown.map((p) => p.partnerId);
      const names = ids.length
        ? await deps.reader.all<{ partner_id: string; name: string; region: string }>(
            `SELECT partner_id, name, region FROM partners WHERE partner_id IN (${ids.map(() => '?').join(', ')})`,
            ids,
          )
        : [];
      const byId = new Map(names.map((n) => [n.partner_id, n]));
      const partners = toPage(
        shown,
        query.limit,
        // Added onto the row, not spread into a copy (see leadFigures).
        (p) =>
          Object.assign(p, {
            name: byId.get(p.partnerId)?.name ?? null,
            partnerRegion: byId.get(p.partnerId)?.region ?? null,
          }),
        (p) => p.partnerId,
      );
      return E.right(
        answer({
          period,
          previousYearPeriod: yearBefore(period),
          asOf: now.toISOString(),
          channel: figures.channel,
          regions: figures.regions,
          partners,
        }),
      );
    },
  );
};
