import { sql, type Kysely } from 'kysely';
import type { Principal } from '../../domain/access/index.js';
import type { Database } from '../../projections/readModels/database.js';
import { visibleDeals } from './dealVisibility.js';

/** Which deals a metric counts: registered in [from, to] (dates, inclusive), of these partners or this product line. */
export interface MetricsFilter {
  readonly partnerIds?: readonly string[];
  readonly productLine?: string;
  readonly from?: string;
  readonly to?: string;
}

export type Amounts = { currency: string; amountMinor: number }[];
const count = (condition: string) => sql<number>`SUM(CASE WHEN ${sql.raw(condition)} THEN 1 ELSE 0 END)`;
const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);
export const median = (sorted: readonly number[]) =>
  sorted.length === 0
    ? null
    : sorted.length % 2
      ? sorted[(sorted.length - 1) / 2]
      : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
export const listOf = <T>(map: Map<string, T[]>, key: string) => {
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
  }
  return list;
};
export const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00.000Z`) + 86_400_000).toISOString();

/** The visible deals matching a filter (kysely query over `deals` joined with `partners as p`). */
export const filteredDeals = (db: Kysely<Database>, principal: Principal, f: MetricsFilter) => {
  let q = db
    .selectFrom('deals')
    .leftJoin('partners as p', 'p.partner_id', 'deals.partner_id')
    .where(visibleDeals(principal));
  if (f.partnerIds) q = q.where('deals.partner_id', 'in', f.partnerIds.length ? [...f.partnerIds] : ['']);
  if (f.productLine) q = q.where('deals.product_line', '=', f.productLine);
  if (f.from) q = q.where('deals.registered_at', '>=', `${f.from}T00:00:00.000Z`);
  if (f.to) q = q.where('deals.registered_at', '<', nextDay(f.to));
  return q;
};

/**
 * Per-partner deal registration metrics (definitions in the README): counts by outcome, conflict
 * rate, approval rate, median time to approval, lead conversion and won value per currency.
 */
export const partnerDealMetrics = async (
  db: Kysely<Database>,
  principal: Principal,
  filter: MetricsFilter & { partnerIds: readonly string[] },
) => {
  const counts = await filteredDeals(db, principal, filter)
    .select((eb) => [
      'deals.partner_id',
      'p.name as partner_name',
      eb.fn.countAll<number>().as('registered'),
      count('deals.approved_at IS NOT NULL').as('approved'),
      count(`deals.status = 'rejected'`).as('rejected'),
      count(`deals.status = 'withdrawn'`).as('withdrawn'),
      count(`deals.status = 'won'`).as('won'),
      count(`deals.status = 'lost'`).as('lost'),
      count(`deals.status = 'expired'`).as('expired'),
      count('deals.conflict = 1').as('conflicted'),
    ])
    .groupBy(['deals.partner_id', 'p.name'])
    .execute();
  const durations = await filteredDeals(db, principal, filter)
    .select(['deals.partner_id', 'deals.approval_seconds'])
    .where('deals.approval_seconds', 'is not', null)
    .orderBy('deals.partner_id')
    .orderBy('deals.approval_seconds')
    .execute();
  const wonValues = await filteredDeals(db, principal, filter)
    .where('deals.status', '=', 'won')
    .select((eb) => [
      'deals.partner_id',
      'deals.won_currency',
      eb.fn.sum<number>('deals.won_amount_minor').as('amount'),
    ])
    .groupBy(['deals.partner_id', 'deals.won_currency'])
    .orderBy('deals.won_currency')
    .execute();
  const secondsOf = new Map<string, number[]>();
  for (const d of durations) listOf(secondsOf, d.partner_id).push(Number(d.approval_seconds));
  const wonOf = new Map<string, Amounts>();
  for (const w of wonValues)
    listOf(wonOf, w.partner_id).push({ currency: w.won_currency ?? '', amountMinor: Number(w.amount) });
  return new Map(
    counts.map((c) => [
      c.partner_id,
      metricsOf(
        c.partner_id,
        c.partner_name,
        c,
        median(secondsOf.get(c.partner_id) ?? []),
        wonOf.get(c.partner_id) ?? [],
      ),
    ]),
  );
};

export interface DealCounts {
  readonly registered: number;
  readonly approved: number;
  readonly rejected: number;
  readonly withdrawn: number;
  readonly won: number;
  readonly lost: number;
  readonly expired: number;
  readonly conflicted: number;
}

/**
 * A partner's metrics from its counts, the median approval duration in seconds and its won amounts
 * (both ways of counting end here).
 */
export const metricsOf = (
  partnerId: string,
  partnerName: string | null,
  c: DealCounts,
  medianSeconds: number | null,
  wonValue: Amounts,
) => {
  const n = {
    registered: Number(c.registered),
    approved: Number(c.approved),
    rejected: Number(c.rejected),
    withdrawn: Number(c.withdrawn),
    won: Number(c.won),
    lost: Number(c.lost),
    expired: Number(c.expired),
    conflicted: Number(c.conflicted),
  };
  const closed = n.won + n.lost + n.expired + n.rejected + n.withdrawn;
  return {
    partnerId,
    partnerName,
    ...n,
    open: n.registered - closed,
    conflictRate: ratio(n.conflicted, n.registered),
    approvalRate: ratio(n.approved, n.approved + n.rejected),
    medianHoursToApproval: medianSeconds === null ? null : Math.round((medianSeconds / 3600) * 100) / 100,
    leadConversion: ratio(n.won, closed),
    wonValue,
  };
};
export type PartnerDealMetrics = ReturnType<typeof metricsOf>;

/** Metrics of a partner with no deal (in the filter's window). */
export const emptyMetrics = (partnerId: string, partnerName: string | null): PartnerDealMetrics =>
  metricsOf(
    partnerId,
    partnerName,
    { registered: 0, approved: 0, rejected: 0, withdrawn: 0, won: 0, lost: 0, expired: 0, conflicted: 0 },
    null,
    [],
  );
