import type { Principal } from '../../domain/access/index.js';
import type { QueryDeps } from '../queryDeps.js';
import { filteredDeals, partnerDealMetrics, type MetricsFilter } from './dealMetrics.js';
import { dealScope, type DealScope } from './dealScope.js';
import { metricsFromTotals, partnersWithDeals, protectedNow, totalsByGroup } from './totalsQueries.js';

/** What the pipeline is asked: filters, the window (dates, inclusive) and the page of partners. */
export interface PipelineQuery {
  readonly partnerId?: string;
  readonly productLine?: string;
  readonly from?: string;
  readonly to?: string;
  readonly cursor?: string;
  readonly limit: number;
}

/** From what the deals projection keeps (see totalsQueries.ts). */
export const pipelineFromTotals = async (deps: QueryDeps, scope: DealScope, query: PipelineQuery, now: Date) => {
  const f = { partnerId: query.partnerId, productLine: query.productLine, from: query.from, to: query.to };
  const groups = await totalsByGroup(deps.reader, scope, f);
  const ids = await partnersWithDeals(deps.reader, scope, f, query.cursor, query.limit + 1);
  return {
    groups,
    conflicted: groups.reduce((n, g) => n + Number(g.conflicted), 0),
    protectionActive: await protectedNow(deps.reader, scope, f, now),
    ids,
    metrics: await metricsFromTotals(deps.reader, scope, ids.slice(0, query.limit), f),
  };
};

/** Over the visible deals, for callers whose scope is a mix of whole partners and their own registrations. */
export const pipelineDirect = async (deps: QueryDeps, principal: Principal, query: PipelineQuery, now: Date) => {
  const db = deps.readModels;
  const filter: MetricsFilter = { ...query, ...(query.partnerId ? { partnerIds: [query.partnerId] } : {}) };
  const groups = await filteredDeals(db, principal, filter)
    .select((eb) => [
      'deals.status',
      'deals.product_line',
      'deals.currency',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('deals.estimated_value_minor').as('value'),
    ])
    .groupBy(['deals.status', 'deals.product_line', 'deals.currency'])
    .orderBy('deals.status')
    .orderBy('deals.product_line')
    .orderBy('deals.currency')
    .execute();
  const protectedNow = await filteredDeals(db, principal, filter)
    .where('deals.status', '=', 'approved')
    .where('deals.protected_until', '>', now.toISOString())
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const conflicted = await filteredDeals(db, principal, filter)
    .where('deals.conflict', '=', 1)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  let partners = filteredDeals(db, principal, filter).select('deals.partner_id').distinct();
  if (query.cursor) partners = partners.where('deals.partner_id', '>', query.cursor);
  const ids = (
    await partners
      .orderBy('deals.partner_id')
      .limit(query.limit + 1)
      .execute()
  ).map((r) => r.partner_id);
  return {
    groups,
    conflicted: Number(conflicted?.n ?? 0),
    protectionActive: Number(protectedNow?.n ?? 0),
    ids,
    metrics: await partnerDealMetrics(db, principal, { ...filter, partnerIds: ids.slice(0, query.limit) }),
  };
};

/**
 * The pipeline's figures: from the projection's totals and indexes when the caller's scope has one of
 * their shapes, else over the visible deals. Both give the same answer where both apply.
 */
export const pipelineFigures = (deps: QueryDeps, principal: Principal, query: PipelineQuery, now: Date) => {
  const scope = dealScope(principal);
  return scope ? pipelineFromTotals(deps, scope, query, now) : pipelineDirect(deps, principal, query, now);
};

/** One partner's metrics over the deals the caller sees (the same choice of ways as the pipeline). */
export const partnerMetrics = (
  deps: QueryDeps,
  principal: Principal,
  partnerId: string,
  window: Omit<MetricsFilter, 'partnerIds'>,
) => {
  const scope = dealScope(principal);
  return scope
    ? metricsFromTotals(deps.reader, scope, [partnerId], window)
    : partnerDealMetrics(deps.readModels, principal, { ...window, partnerIds: [partnerId] });
};
