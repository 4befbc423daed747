import type { SqlDb } from '../../infra/sql/sqlDb.js';
import {
  listOf,
  median,
  metricsOf,
  nextDay,
  type Amounts,
  type DealCounts,
  type PartnerDealMetrics,
} from './dealMetrics.js';
import type { DealScope } from './dealScope.js';

/**
 * The pipeline and deal metrics from what the deals projection keeps: all-time totals per partner and
 * channel-wide, channel totals per registration day, and the deals themselves (indexed by partner and
 * registration instant, by registrant, by approval duration) for windows and a sales rep's own deals.
 * Answers equal the direct computation over the visible deals (tests/property/dealTotals.property.test.ts).
 */
export interface TotalsFilter {
  readonly partnerId?: string;
  readonly productLine?: string;
  /** Registered from the start of this day, up to the end of `to` (UTC dates, inclusive). */
  readonly from?: string;
  readonly to?: string;
}

const windowed = (f: TotalsFilter) => f.from !== undefined || f.to !== undefined;
/** Whether the kept totals can answer: they know neither registration instants nor registrants. */
const fromTotals = (scope: DealScope, f: TotalsFilter) => !windowed(f) && scope.kind !== 'registrant';

/**
 * `deals` as a query reads it. A rep's own deals go through the registrant index: without statistics
 * SQLite would rather walk the partner's (far larger) indexes for their order.
 */
const deals = (scope: DealScope) => (scope.kind === 'registrant' ? 'deals INDEXED BY deals_registrant' : 'deals');

/**
 * WHERE conditions on `partner_id`, `registered_by`, `product_line` and (over deals) `registered_at`,
 * with their parameters.
 */
const conditions = (scope: DealScope, f: TotalsFilter, overDeals: boolean) => {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, ...values: unknown[]) => {
    where.push(condition);
    params.push(...values);
  };
  if (scope.kind === 'partners') add(`partner_id IN (${scope.partners})`, ...scope.params);
  if (scope.kind === 'registrant') add('registered_by = ? AND partner_id = ?', scope.personId, scope.partnerId);
  if (f.partnerId !== undefined) add('partner_id = ?', f.partnerId);
  if (f.productLine !== undefined) add('product_line = ?', f.productLine);
  if (overDeals && f.from !== undefined) add('registered_at >= ?', `${f.from}T00:00:00.000Z`);
  if (overDeals && f.to !== undefined) add('registered_at < ?', nextDay(f.to));
  return { params, sql: where.length ? ` AND ${where.join(' AND ')}` : '' };
};

/**
 * Rows shaped like `deal_partner_totals`: the table itself, or each deal as a total of one (SQLite
 * flattens the subquery, so the conditions reach the deals indexes).
 */
const partnerTotals = (scope: DealScope, f: TotalsFilter) =>
  fromTotals(scope, f)
    ? 'deal_partner_totals'
    : `(SELECT partner_id, registered_by, product_line, status, currency,
          CASE WHEN status = 'won' THEN COALESCE(won_currency, '') ELSE '' END AS won_currency,
          1 AS deals, estimated_value_minor, CASE WHEN approved_at IS NOT NULL THEN 1 ELSE 0 END AS approved,
          conflict AS conflicted,
          CASE WHEN status = 'won' THEN COALESCE(won_amount_minor, 0) ELSE 0 END AS won_amount_minor,
          registered_at FROM ${deals(scope)})`;

export interface StatusGroup {
  status: string;
  product_line: string;
  currency: string;
  n: number;
  value: number;
  conflicted: number;
}

/** Deals, estimated value and conflicts by status, product line and currency. */
export const totalsByGroup = async (reader: SqlDb, scope: DealScope, f: TotalsFilter): Promise<StatusGroup[]> => {
  const select =
    'SELECT status, product_line, currency, SUM(deals) AS n, SUM(estimated_value_minor) AS value, ' +
    'SUM(conflicted) AS conflicted';
  const order = ' GROUP BY status, product_line, currency ORDER BY status, product_line, currency';
  if (scope.kind === 'all' && f.partnerId === undefined) {
    const { sql, params } = conditions(scope, f, false);
    if (!windowed(f))
      return reader.all<StatusGroup>(`${select} FROM deal_line_totals WHERE 1 = 1${sql}${order}`, params);
    const days = [...(f.from === undefined ? [] : [f.from]), ...(f.to === undefined ? [] : [f.to])];
    const range =
      (f.from === undefined ? '' : ' AND registered_day >= ?') + (f.to === undefined ? '' : ' AND registered_day <= ?');
    return reader.all<StatusGroup>(`${select} FROM deal_day_totals WHERE 1 = 1${sql}${range}${order}`, [
      ...params,
      ...days,
    ]);
  }
  const { sql, params } = conditions(scope, f, !fromTotals(scope, f));
  return reader.all<StatusGroup>(`${select} FROM ${partnerTotals(scope, f)} AS t WHERE 1 = 1${sql}${order}`, params);
};

/** Approved deals whose protection runs at `now`: compared with the clock here, never projected. */
export const protectedNow = async (reader: SqlDb, scope: DealScope, f: TotalsFilter, now: Date) => {
  const { sql, params } = conditions(scope, f, true);
  const row = await reader.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM ${deals(scope)} WHERE status = 'approved' AND protected_until > ?${sql}`,
    [now.toISOString(), ...params],
  );
  return Number(row?.n ?? 0);
};

/** Up to `limit` partners with deals in scope (and window), after `cursor`, by id. */
export const partnersWithDeals = async (
  reader: SqlDb,
  scope: DealScope,
  f: TotalsFilter,
  cursor: string | undefined,
  limit: number,
) => {
  const { sql, params } = conditions(scope, f, true);
  const after = cursor === undefined ? '' : ' AND partner_id > ?';
  const table = fromTotals(scope, f) ? 'deal_partner_totals' : deals(scope);
  const rows =
    fromTotals(scope, f) || scope.kind === 'registrant'
      ? await reader.all<{ partner_id: string }>(
          `SELECT DISTINCT partner_id FROM ${table} WHERE 1 = 1${sql}${after} ORDER BY partner_id LIMIT ?`,
          [...params, ...(cursor === undefined ? [] : [cursor]), limit],
        )
      : // Partner by partner (index on partner and registration instant) rather than through every deal.
        await reader.all<{ partner_id: string }>(
          `SELECT DISTINCT partner_id FROM deals
         WHERE partner_id IN (SELECT DISTINCT partner_id FROM deal_partner_totals WHERE 1 = 1${after})${sql}
         ORDER BY partner_id LIMIT ?`,
          [...(cursor === undefined ? [] : [cursor]), ...params, limit],
        );
  return rows.map((r) => r.partner_id);
};

type CountRow = DealCounts & { partner_id: string };

/** Metrics of these partners (over the deals in scope); medians read the middle of an index. */
export const metricsFromTotals = async (
  reader: SqlDb,
  scope: DealScope,
  partnerIds: readonly string[],
  f: Omit<TotalsFilter, 'partnerId'>,
) => {
  const result = new Map<string, PartnerDealMetrics>();
  if (partnerIds.length === 0) return result;
  const marks = partnerIds.map(() => '?').join(', ');
  const { sql, params } = conditions(scope, f, !fromTotals(scope, f));
  const from = `FROM ${partnerTotals(scope, f)} AS t WHERE partner_id IN (${marks})${sql}`;
  const status = (s: string) => `SUM(CASE WHEN status = '${s}' THEN deals ELSE 0 END) AS ${s}`;
  const byStatus = ['rejected', 'withdrawn', 'won', 'lost', 'expired'].map(status).join(', ');
  const counts = await reader.all<CountRow>(
    `SELECT partner_id, SUM(deals) AS registered, SUM(approved) AS approved, ${byStatus},
            SUM(conflicted) AS conflicted ${from} GROUP BY partner_id`,
    [...partnerIds, ...params],
  );
  if (counts.length === 0) return result;
  const won = await reader.all<{ partner_id: string; won_currency: string; amount: number }>(
    `SELECT partner_id, won_currency, SUM(won_amount_minor) AS amount ${from} AND status = 'won'
     GROUP BY partner_id, won_currency ORDER BY partner_id, won_currency`,
    [...partnerIds, ...params],
  );
  const wonOf = new Map<string, Amounts>();
  for (const w of won) listOf(wonOf, w.partner_id).push({ currency: w.won_currency, amountMinor: Number(w.amount) });
  const names = new Map(
    (
      await reader.all<{ partner_id: string; name: string }>(
        `SELECT partner_id, name FROM partners WHERE partner_id IN (${marks})`,
        partnerIds,
      )
    ).map((r) => [r.partner_id, r.name]),
  );
  for (const c of counts) {
    const approved = Number(c.approved);
    const seconds = approved === 0 ? null : median(await middleDurations(reader, scope, c.partner_id, f, approved));
    result.set(
      c.partner_id,
      metricsOf(c.partner_id, names.get(c.partner_id) ?? null, c, seconds, wonOf.get(c.partner_id) ?? []),
    );
  }
  return result;
};

/**
 * The one or two middle approval durations of a partner's `approved` deals in scope: LIMIT/OFFSET in
 * approval order (deals_partner_approval holds the window and product line, so nothing is sorted).
 */
const middleDurations = async (
  reader: SqlDb,
  scope: DealScope,
  partnerId: string,
  f: Omit<TotalsFilter, 'partnerId'>,
  approved: number,
) => {
  const { sql, params } = conditions(scope.kind === 'registrant' ? scope : { kind: 'all' }, f, true);
  const rows = await reader.all<{ s: number }>(
    `SELECT approval_seconds AS s FROM ${deals(scope)}
     WHERE partner_id = ?${sql} AND approval_seconds IS NOT NULL ORDER BY approval_seconds LIMIT ? OFFSET ?`,
    [partnerId, ...params, 2 - (approved % 2), Math.floor((approved - 1) / 2)],
  );
  return rows.map((r) => Number(r.s));
};
