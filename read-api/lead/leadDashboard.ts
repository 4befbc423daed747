import { quartersOf, spanOf } from '../../domain/plan/periods.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import { countKeys, leadFigures, median, noCounts, type LeadCounts } from './leadFigures.js';
import {
  everyFact,
  medianAcceptSeconds,
  periodSums,
  previousKeys,
  previousOf,
  type FactScope,
  type SumsRow,
} from './leadFacts.js';

interface Group {
  counts: LeadCounts;
  previous: Record<(typeof previousKeys)[number], number>;
}
const group = (): Group => ({
  counts: noCounts(),
  previous: { converted: 0, declined: 0, lapsed: 0, disqualified: 0 },
});
const add = (g: Group, r: SumsRow) => {
  for (const k of countKeys) g.counts[k] += Number(r[k]);
  const previous = previousOf(r);
  for (const k of previousKeys) g.previous[k] += previous[k];
};

/** Seconds to accept of the offers the partners accepted in the period, in scope, by partner. */
const partnerAnswers = async (db: SqlDb, scope: FactScope, period: string, partnerIds: readonly string[]) => {
  const byPartner = new Map<string, number[]>();
  if (!partnerIds.length) return byPartner;
  const { start, end } = spanOf(period);
  const rows = await db.all<{ partner_id: string; answer_seconds: number }>(
    `SELECT t.partner_id, t.answer_seconds FROM lead_assignments t ${scope.join}
     WHERE t.partner_id IN (${partnerIds.map(() => '?').join(', ')}) AND t.outcome = 'accepted'
     AND t.outcome_at >= ? AND t.outcome_at < ? AND ${scope.sql}`,
    [...partnerIds, start.toISOString(), end.toISOString(), ...scope.params],
  );
  for (const r of rows) {
    const seconds = byPartner.get(r.partner_id);
    if (seconds) seconds.push(Number(r.answer_seconds));
    else byPartner.set(r.partner_id, [Number(r.answer_seconds)]);
  }
  return byPartner;
};

/** The partners of one page: after the cursor's partner id, at most `rows` of them. */
export interface PartnerPage {
  readonly after?: string;
  readonly rows: number;
}

/**
 * The leads dashboard's figures (DESIGN §13): the whole scope, each lead region, and one page of the
 * partners with a fact in the period or the year-earlier one, in id order. Callers who see everything
 * read the region and partner totals (a few rows per region; a page read along the partner key);
 * a regional channel manager's scope needs the (period, region, partner) rows it selects from. Medians
 * of the channel and the regions are read at their offsets in answer order; a page's partners' from
 * their own accepted offers.
 */
export const leadDashboard = async (db: SqlDb, scope: FactScope, period: string, page: PartnerPage) => {
  const s = periodSums(period);
  const everything = scope.sql === '1 = 1';
  const facts = everything ? '' : scope.join;
  const [regionRows, partnerRows] = await Promise.all([
    db.all<SumsRow & { region: string }>(
      `SELECT t.region, ${s.select} FROM ${everything ? 'lead_region_totals' : 'lead_period_totals'} t ${facts}
       WHERE ${s.where} AND ${scope.sql} GROUP BY t.region`,
      [...s.selectParams, ...s.whereParams, ...scope.params],
    ),
    db.all<SumsRow & { partner_id: string }>(
      `SELECT t.partner_id, ${s.select} FROM ${everything ? 'lead_partner_totals' : 'lead_period_totals'} t ${facts}
       WHERE t.partner_id > ? AND ${s.where} AND ${scope.sql}
       GROUP BY t.partner_id ORDER BY t.partner_id LIMIT ?`,
      [...s.selectParams, page.after ?? '', ...s.whereParams, ...scope.params, page.rows],
    ),
  ]);
  const quarters = quartersOf(period);
  const regions = regionRows.map((r) => r.region).sort((a, b) => a.localeCompare(b));
  const [channelMedian, regionMedians, answers] = await Promise.all([
    medianAcceptSeconds(db, quarters, scope),
    // A region wholly in scope needs no partner join: its median is read inside the index.
    Promise.all(
      regions.map((r) =>
        medianAcceptSeconds(db, quarters, scope.wholeRegions?.includes(r) ? everyFact : scope, 'AND t.region = ?', [r]),
      ),
    ),
    partnerAnswers(
      db,
      scope,
      period,
      partnerRows.map((r) => r.partner_id),
    ),
  ]);
  const channel = group();
  const byRegion = new Map<string, Group>();
  for (const r of regionRows) {
    const g = group();
    add(g, r);
    add(channel, r);
    byRegion.set(r.region, g);
  }
  const figuresOf = <H extends object>(g: Group | undefined, medianSeconds: number | null, head?: H) =>
    leadFigures(g?.counts ?? noCounts(), g?.previous ?? group().previous, medianSeconds, head);
  return {
    channel: figuresOf(channel, channelMedian),
    regions: regions.map((region, i) => figuresOf(byRegion.get(region), regionMedians[i], { region })),
    partners: partnerRows.map((r) => {
      const g = group();
      add(g, r);
      return figuresOf(g, median(answers.get(r.partner_id) ?? []), { partnerId: r.partner_id });
    }),
  };
};
