import type { Principal } from '../../domain/access/index.js';
import { quartersOf, spanOf, yearBefore } from '../../domain/plan/periods.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import { partnerReach } from '../partner/partnerVisibility.js';
import { countKeys, leadFigures, noCounts, type LeadCounts } from './leadFigures.js';

/** A SQL condition on a lead fact `t` (with `region`, `partner_id`), with the join it needs (if any). */
export interface FactScope {
  readonly sql: string;
  readonly params: readonly unknown[];
  readonly join: string;
}
const PARTNERS = 'LEFT JOIN partners p ON p.partner_id = t.partner_id';

/**
 * The lead facts a vendor caller may count (`seesLead` over totals): everything for vendor readers and
 * unlimited channel managers; a regional channel manager's regions, and the partners in them or
 * assigned to them.
 */
export const leadFactScope = (principal: Principal): FactScope => {
  const reach = partnerReach(principal);
  if (reach === 'all') return { sql: '1 = 1', params: [], join: '' };
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
  return { sql: `(${any.join(' OR ')})`, params, join: PARTNERS };
};

type Row = LeadCounts & {
  region: string;
  partner_id: string;
  prev_converted: number;
  prev_declined: number;
  prev_lapsed: number;
  prev_disqualified: number;
};
const previousKeys = ['converted', 'declined', 'lapsed', 'disqualified'] as const;
type Previous = Pick<LeadCounts, (typeof previousKeys)[number]>;

const add = (into: LeadCounts, from: LeadCounts) => {
  for (const k of countKeys) into[k] += Number(from[k]);
};
const previousOf = (r: Row): Previous => ({
  converted: Number(r.prev_converted),
  declined: Number(r.prev_declined),
  lapsed: Number(r.prev_lapsed),
  disqualified: Number(r.prev_disqualified),
});

/** Counts per (region, partner) for a period and the same period a year before, within a scope. */
export const leadTotals = async (
  db: SqlDb,
  scope: FactScope,
  period: string,
  extraWhere = '',
  extra: unknown[] = [],
) => {
  const current = quartersOf(period);
  const previous = quartersOf(yearBefore(period));
  const cur = `t.period IN (${current.map(() => '?').join(', ')})`;
  const prev = `t.period IN (${previous.map(() => '?').join(', ')})`;
  const sums = [
    ...countKeys.map((k) => `SUM(CASE WHEN ${cur} THEN t.${k} ELSE 0 END) AS ${k}`),
    ...previousKeys.map((k) => `SUM(CASE WHEN ${prev} THEN t.${k} ELSE 0 END) AS prev_${k}`),
  ];
  const params = [
    ...countKeys.flatMap(() => current),
    ...previousKeys.flatMap(() => previous),
    ...current,
    ...previous,
    ...scope.params,
    ...extra,
  ];
  return db.all<Row>(
    `SELECT t.region, t.partner_id, ${sums.join(', ')} FROM lead_period_totals t
     ${scope.join}
     WHERE (${cur} OR ${prev}) AND ${scope.sql} ${extraWhere} GROUP BY t.region, t.partner_id`,
    params,
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

interface Group {
  counts: LeadCounts;
  previous: Previous;
  seconds: number[];
}
const group = (): Group => ({
  counts: noCounts(),
  previous: { converted: 0, declined: 0, lapsed: 0, disqualified: 0 },
  seconds: [],
});
const figuresOf = (g: Group) => leadFigures(g.counts, g.previous, g.seconds);

/**
 * The leads dashboard's figures (DESIGN §13): the whole scope, each lead region, each partner; every
 * partner with a fact in the period or the year-earlier one.
 */
export const leadDashboard = async (db: SqlDb, scope: FactScope, period: string) => {
  const [rows, accepted] = await Promise.all([leadTotals(db, scope, period), acceptances(db, scope, period)]);
  const channel = group();
  const regions = new Map<string, Group>();
  const partners = new Map<string, Group>();
  const into = (map: Map<string, Group>, key: string) => {
    const g = map.get(key) ?? group();
    map.set(key, g);
    return g;
  };
  for (const r of rows) {
    const targets = [channel, into(regions, r.region), ...(r.partner_id ? [into(partners, r.partner_id)] : [])];
    for (const g of targets) {
      add(g.counts, r);
      for (const [k, v] of Object.entries(previousOf(r))) g.previous[k as keyof Previous] += v;
    }
  }
  for (const a of accepted) {
    const seconds = Number(a.answer_seconds);
    channel.seconds.push(seconds);
    into(regions, a.region).seconds.push(seconds);
    into(partners, a.partner_id).seconds.push(seconds);
  }
  return {
    channel: figuresOf(channel),
    regions: [...regions].sort(([a], [b]) => a.localeCompare(b)).map(([region, g]) => ({ region, ...figuresOf(g) })),
    partners: [...partners]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([partnerId, g]) => ({ partnerId, ...figuresOf(g) })),
  };
};
