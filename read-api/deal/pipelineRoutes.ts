import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import { domainError, IsoDate, PartnerId, Slug } from '../../domain/shared/index.js';
import { answer, queryRoute } from '../../http/routes.js';
import { Limit, StringCursor, toPage } from '../pagination.js';
import { visiblePartners } from '../partner/partnerVisibility.js';
import type { QueryDeps } from '../queryDeps.js';
import { DateOut, InstantOut, MoneyOut, named, pageOf } from '../../http/contract.js';
import { emptyMetrics, type Amounts } from './dealMetrics.js';
import { partnerMetrics, pipelineFigures } from './pipelineFigures.js';

const n = z.number().int();
const rate = z.number().nullable().describe('0..1, null when nothing to divide by');
const DealMetricsOut = named(
  'DealMetrics',
  z.object({
    partnerId: PartnerId,
    partnerName: z.string().nullable(),
    registered: n,
    approved: n,
    rejected: n,
    withdrawn: n,
    won: n,
    lost: n,
    expired: n,
    conflicted: n,
    open: n,
    conflictRate: rate,
    approvalRate: rate,
    medianHoursToApproval: z.number().nullable(),
    leadConversion: rate,
    wonValue: z.array(MoneyOut),
  }),
);
const PipelineOut = named(
  'Pipeline',
  z.object({
    asOf: InstantOut,
    totals: z.object({
      registered: n,
      conflicted: n,
      protectionActive: n,
      byStatus: z.array(z.object({ status: z.string(), count: n, estimatedValue: z.array(MoneyOut) })),
      byProductLine: z.array(
        z.object({
          productLine: z.string(),
          count: n,
          statuses: z.record(z.string(), n),
          estimatedValue: z.array(MoneyOut),
        }),
      ),
    }),
    partners: pageOf('DealMetricsPage', DealMetricsOut),
  }),
);
const PartnerDealMetricsOut = named(
  'PartnerDealMetrics',
  z.object({ ...DealMetricsOut.shape, from: DateOut.nullable(), to: DateOut.nullable() }),
);

const Window = { from: IsoDate.optional(), to: IsoDate.optional(), productLine: Slug.optional() };
const PipelineQuery = z.strictObject({
  ...Window,
  partnerId: PartnerId.optional(),
  limit: Limit,
  cursor: StringCursor.optional(),
});

const addAmount = (list: Amounts, currency: string, amountMinor: number) => {
  const found = list.find((a) => a.currency === currency);
  if (found) found.amountMinor += amountMinor;
  else list.push({ currency, amountMinor });
  list.sort((a, b) => a.currency.localeCompare(b.currency));
};

export const pipelineRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  const db = deps.readModels;

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/dashboards/pipeline',
      tags: ['deals', 'dashboards'],
      query: PipelineQuery,
      response: PipelineOut,
      summary: 'Deal pipeline: totals by status and product line, and deal registration metrics per partner (paged)',
    },
    async ({ query, principal }) => {
      const now = deps.now();
      const { groups, conflicted, protectionActive, ids, metrics } = await pipelineFigures(deps, principal, query, now);

      const byStatus = new Map<string, { status: string; count: number; estimatedValue: Amounts }>();
      const byLine = new Map<
        string,
        { productLine: string; count: number; statuses: Record<string, number>; estimatedValue: Amounts }
      >();
      for (const g of groups) {
        const s = byStatus.get(g.status) ?? { status: g.status, count: 0, estimatedValue: [] };
        s.count += Number(g.n);
        addAmount(s.estimatedValue, g.currency, Number(g.value));
        byStatus.set(g.status, s);
        const l = byLine.get(g.product_line) ?? {
          productLine: g.product_line,
          count: 0,
          statuses: {},
          estimatedValue: [],
        };
        l.count += Number(g.n);
        l.statuses[g.status] = (l.statuses[g.status] ?? 0) + Number(g.n);
        addAmount(l.estimatedValue, g.currency, Number(g.value));
        byLine.set(g.product_line, l);
      }

      const registered = [...byStatus.values()].reduce((n, s) => n + s.count, 0);
      return E.right(
        answer({
          asOf: now.toISOString(),
          totals: {
            registered,
            conflicted,
            protectionActive,
            byStatus: [...byStatus.values()].sort((a, b) => a.status.localeCompare(b.status)),
            byProductLine: [...byLine.values()].sort((a, b) => a.productLine.localeCompare(b.productLine)),
          },
          partners: toPage(
            ids,
            query.limit,
            (id) => metrics.get(id) ?? emptyMetrics(id, null),
            (id) => id,
          ),
        }),
      );
    },
  );

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/partners/:id/deal-metrics',
      tags: ['deals', 'partners'],
      params: z.strictObject({ id: PartnerId }),
      query: z.strictObject(Window),
      response: PartnerDealMetricsOut,
      summary: "A partner's deal registration metrics (over the deals the caller may see)",
    },
    async ({ params, query, principal }) => {
      const partner = await db
        .selectFrom('partners')
        .select(['partner_id', 'name'])
        .where('partner_id', '=', params.id)
        .where(visiblePartners(principal))
        .executeTakeFirst();
      if (!partner) return E.left(domainError('not_found', 'partner not found'));
      const metrics = await partnerMetrics(deps, principal, params.id, query);
      return E.right(
        answer({
          ...(metrics.get(params.id) ?? emptyMetrics(params.id, partner.name)),
          from: query.from ?? null,
          to: query.to ?? null,
        }),
      );
    },
  );
};
