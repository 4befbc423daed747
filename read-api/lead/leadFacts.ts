import type { Principal } from '../../domain/access/index.js';
import { quartersOf, spanOf, yearBefore } from '../../domain/plan/periods.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import { partnerReach } from '../partner/partnerVisibility.js';
import { countKeys, type LeadCounts } from './leadFigures.js';

/** A SQL condition on a lead fact `t` (with `region`, `partner_id`), with the join it needs (if any). */
export interface FactScope {
  readonly sql: string;
  readonly params: readonly unknown[];
  readonly join: string;
  /** Lead regions whose every fact is in scope (a regional channel manager's own). */
  readonly wholeRegions?: readonly string[];
}
const PARTNERS = 'LEFT JOIN partners p ON p.partner_id = t.partner_id';
export const everyFact: FactScope = { sql: '1 = 1', params: [], join: '' };

/**
 * The lead facts a vendor caller may count (`seesLead` over totals): everything for vendor readers and
 * unlimited channel managers; a regional channel manager's regions, and the partners in them or
 * assigned to them.
 */
export const leadFactScope = (principal: Principal): FactScope => {
  const reach = partnerReach(principal);
  if (reach === 'all') return everyFact;
  if (reach === 'none' || (!reach.regions.length && reach.managerId === undefined))
    return { sql: '1 = 0', params: [], join: '' };
  const any: string[] = [];
  const params: unknown[] = [];
  if (reach.regions.length) {
    const marks = reach.regions.map(() => '?').join(', ');
    any.push(`t.region IN (${marks})`, `p.region IN (${marks})`);
    params.push(...reach.regions, ...reach.regions);
  }
  if (reach.managerId !== undefined) {
    any.push('p.channel_manager_id = ?');
    params.push(reach.managerId);
  }
  return { sql: `(${any.join(' OR ')})`, params, join: PARTNERS, wholeRegions: reach.regions };
};

export const previousKeys = ['converted', 'declined', 'lapsed', 'disqualified'] as const;
export type Previous = Pick<LeadCounts, (typeof previousKeys)[number]>;
export type SumsRow = LeadCounts & {
  prev_converted: number;
  prev_declined: number;
  prev_lapsed: number;
  prev_disqualified: number;
};

/**
 * The counts of a period and the same period a year before, summed from count rows `t` (with `period`
 * and the counters): the select list, the condition keeping rows of either period, and their parameters.
 */
export const periodSums = (period: string) => {
  const current = quartersOf(period);
  const previous = quartersOf(yearBefore(period));
  const cur = `t.period IN (${current.map(() => '?').join(', ')})`;
  const prev = `t.period IN (${previous.map(() => '?').join(', ')})`;
  return {
    select: [
      ...countKeys.map((k) => `SUM(CASE WHEN ${cur} THEN t.${k} ELSE 0 END) AS ${k}`),
      ...previousKeys.map((k) => `SUM(CASE WHEN ${prev} THEN t.${k} ELSE 0 END) AS prev_${k}`),
    ].join(', '),
    selectParams: [...countKeys.flatMap(() => current), ...previousKeys.flatMap(() => previous)],
    where: `t.period IN (${[...current, ...previous].map(() => '?').join(', ')})`,
    whereParams: [...current, ...previous],
  };
};

export const previousOf = (r: SumsRow): Previous => ({
  converted: Number(r.prev_converted),
  declined: Number(r.prev_declined),
  lapsed: Number(r.prev_lapsed),
  disqualified: Number(r.prev_disqualified),
});

/** Counts per (region, partner) for a period and the same period a year before, within a scope. */
export const leadTotals = async (db: SqlDb, scope: FactScope, period: string) => {
  const s = periodSums(period);
  return db.all<SumsRow & { region: string; partner_id: string }>(
    `SELECT t.region, t.partner_id, ${s.select} FROM lead_period_totals t ${scope.join}
     WHERE ${s.where} AND ${scope.sql} GROUP BY t.region, t.partner_id`,
    [...s.selectParams, ...s.whereParams, ...scope.params],
  );
};

/** Seconds from assignment to acceptance of the offers accepted in the period, with their region and partner. */
export const acceptances = (db: SqlDb, scope: FactScope, period: string, extraWhere = '', extra: unknown[] = []) => {
  const { start, end } = spanOf(period);
  return db.all<{ region: string; partner_id: string; answer_seconds: number }>(
    `SELECT t.region, t.partner_id, t.answer_seconds FROM lead_assignments t
     ${scope.join}
     WHERE t.outcome = 'accepted' AND t.outcome_at >= ? AND t.outcome_at < ? AND ${scope.sql} ${extraWhere}`,
    [start.toISOString(), end.toISOString(), ...scope.params, ...extra],
  );
};

/**
 * The median seconds from assignment to acceptance of the offers accepted in the quarters, in scope (and
 * `extra`): counted, then read at the middle of the accepted offers in answer order, which an index on
 * (outcome, outcome_period[, region], answer_seconds) holds, instead of reading every offer.
 */
export const medianAcceptSeconds = async (
  db: SqlDb,
  quarters: readonly string[],
  scope: FactScope,
  extraWhere = '',
  extra: readonly unknown[] = [],
): Promise<number | null> => {
  const from = `FROM lead_assignments t ${scope.join}
    WHERE t.outcome = 'accepted' AND t.outcome_period IN (${quarters.map(() => '?').join(', ')})
    AND ${scope.sql} ${extraWhere}`;
  const params = [...quarters, ...scope.params, ...extra];
  const n = Number((await db.get<{ n: number }>(`SELECT COUNT(*) AS n ${from}`, params))?.n ?? 0);
  if (n === 0) return null;
  const middle = await db.all<{ s: number }>(
    `SELECT t.answer_seconds AS s ${from} ORDER BY t.answer_seconds LIMIT ? OFFSET ?`,
    [...params, n % 2 ? 1 : 2, Math.floor((n - 1) / 2)],
  );
  const values = middle.map((m) => Number(m.s));
  return values.length === 2 ? (values[0] + values[1]) / 2 : (values[0] ?? null);
};
