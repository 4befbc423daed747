import { yearBefore } from '../../domain/plan/periods.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import type { ChannelKpis } from '../scorecard/channelHealth.js';
import { revenueGrowth } from '../../projections/analytics/channelKpis.js';
import type { Scope } from '../scorecard/scorecardScope.js';
import { acceptances, leadTotals, type FactScope } from './leadFacts.js';
import { countKeys, leadFigures, median, noCounts } from './leadFigures.js';

/** Sums the (region, partner) rows of `leadTotals` into one row of figures. */
const figuresOver = async (db: SqlDb, scope: FactScope, period: string) => {
  const [rows, accepted] = await Promise.all([leadTotals(db, scope, period), acceptances(db, scope, period)]);
  const counts = noCounts();
  const previous = { converted: 0, declined: 0, lapsed: 0, disqualified: 0 };
  for (const r of rows) {
    for (const k of countKeys) counts[k] += Number(r[k]);
    previous.converted += Number(r.prev_converted);
    previous.declined += Number(r.prev_declined);
    previous.lapsed += Number(r.prev_lapsed);
    previous.disqualified += Number(r.prev_disqualified);
  }
  return leadFigures(counts, previous, median(accepted.map((a) => Number(a.answer_seconds))));
};

/** A partner's lead KPIs for its scorecard: the leads it was offered in the period and what became of them. */
export const partnerLeadKpis = (db: SqlDb, partnerId: string, period: string) =>
  figuresOver(db, { sql: 't.partner_id = ?', params: [partnerId], join: '' }, period);

/** Lead facts of the partners in a scorecard scope (`sp`); the whole channel's, unassigned leads included. */
const scoped = (scope: Scope): FactScope =>
  scope.sql === '1 = 1'
    ? { sql: '1 = 1', params: [], join: '' }
    : { sql: scope.sql, params: scope.params, join: 'JOIN scorecard_partners sp ON sp.partner_id = t.partner_id' };

/** Won revenue of a period and of the same period a year earlier, in the headline currency. */
const revenueYearOverYear = async (db: SqlDb, scope: Scope, period: string) => {
  const before = yearBefore(period);
  const rows =
    scope.sql === '1 = 1'
      ? await db.all<{ period: string; currency: string; won: number }>(
          'SELECT period, currency, won_minor AS won FROM scorecard_channel_revenue WHERE period IN (?, ?)',
          [period, before],
        )
      : await db.all<{ period: string; currency: string; won: number }>(
          `SELECT r.period, r.currency, SUM(r.won_minor) AS won
           FROM scorecard_revenue r JOIN scorecard_partners sp ON sp.partner_id = r.partner_id
           WHERE r.period IN (?, ?) AND ${scope.sql} GROUP BY r.period, r.currency`,
          [period, before, ...scope.params],
        );
  const won = (p: string, c: string) => Number(rows.find((r) => r.period === p && r.currency === c)?.won ?? 0);
  const headline = [...new Set(rows.map((r) => r.currency))].sort(
    (a, b) => won(period, b) - won(period, a) || won(before, b) - won(before, a) || a.localeCompare(b),
  )[0];
  return headline
    ? {
        currency: headline,
        wonMinor: won(period, headline),
        yearEarlierWonMinor: won(before, headline),
        growthPct: revenueGrowth.of(won(period, headline), won(before, headline)),
      }
    : { currency: null, wonMinor: 0, yearEarlierWonMinor: 0, growthPct: null };
};

/**
 * The white paper's Aberdeen measures of a best-in-class channel, for channel health: partners
 * achieving quota (now), revenue growth and lead conversion, both year over year.
 */
export const aberdeenTriple = async (db: SqlDb, scope: Scope, period: string, kpis: ChannelKpis) => {
  const [revenue, leads] = await Promise.all([
    revenueYearOverYear(db, scope, period),
    figuresOver(db, scoped(scope), period),
  ]);
  return {
    yearEarlierPeriod: yearBefore(period),
    partnersAchievingQuotaPct: kpis.quota.achievingPct,
    revenueGrowthYoYPct: revenue.growthPct,
    revenue,
    leadConversionPct: leads.conversionPct,
    yearEarlierLeadConversionPct: leads.previousYearConversionPct,
    leadConversionChangePts: leads.conversionChangePts,
    leads,
  };
};
