import { previousPeriodOf, sql } from '../analyticsSql.js';
import { conflictRate, leadConversion, mdfUtilisation, partnersAtQuota, revenueGrowth } from '../channelKpis.js';
import { decimal, defineView, flag, integer, text } from '../analyticsView.js';
import { hoursSql } from '../kpiArithmetic.js';

const closed = leadConversion.closedSql({
  won: 'p.deals_won',
  lost: 'p.deals_lost',
  expired: 'p.deals_expired',
  rejected: 'p.deals_rejected',
  withdrawn: 'p.deals_withdrawn',
});

/** The scorecard figures per partner and period, as `GET /partners/:id/scorecard` computes them. */
export const scorecardsV1 = defineView({
  name: 'analytics_scorecards',
  version: 1,
  rowPer: 'partner and quarter with at least one fact (a quota, a registration, an outcome, a fund)',
  key: ['partner_id', 'period'],
  columns: {
    partner_id: text('p.partner_id', 'the partner'),
    period: text('p.period', 'the quarter, `YYYY-Qn`'),
    quota_minor: integer('p.quota_minor', 'quota for the quarter, or null'),
    quota_currency: text('p.quota_currency', 'its currency'),
    won_minor: integer(
      'p.won_minor',
      "won revenue by closing date, in the quota's currency (no quota: the first win's)",
    ),
    won_currency: text('p.currency', 'currency of `won_minor`, or null before a quota or win'),
    attainment_pct: decimal(
      'p.attainment_pct',
      'won / quota × 100, two decimals rounded half up; null without a quota',
    ),
    achieved_quota: flag(
      partnersAtQuota.achievedSql('p.won_minor', 'p.quota_minor'),
      'won ≥ quota; null without a quota',
    ),
    previous_won_minor: integer(
      'CASE WHEN p.currency IS NOT NULL THEN COALESCE(pr.won_minor, 0) END',
      'won revenue of the previous quarter in the same currency',
    ),
    growth_pct: decimal(revenueGrowth.sql('p.won_minor', 'pr.won_minor'), 'KPI revenue growth on the previous quarter'),
    deals_registered: integer('p.deals_registered', 'registrations recorded in the quarter'),
    deals_collided: integer('p.deals_conflicted', 'of those, the ones that collided'),
    conflict_rate_pct: decimal(
      conflictRate.sql('p.deals_conflicted', 'p.deals_registered'),
      'KPI conflict rate: collided / registered × 100',
    ),
    deals_approved: integer('p.deals_approved', 'approvals recorded in the quarter'),
    deals_rejected: integer('p.deals_rejected', 'rejections recorded in the quarter'),
    deals_withdrawn: integer('p.deals_withdrawn', 'withdrawals recorded in the quarter'),
    deals_won: integer('p.deals_won', 'wins whose closing date is in the quarter'),
    deals_lost: integer('p.deals_lost', 'losses recorded in the quarter'),
    deals_expired: integer('p.deals_expired', 'expiries recorded in the quarter'),
    deals_closed: integer(closed, 'won + lost + expired + rejected + withdrawn'),
    lead_conversion_pct: decimal(
      leadConversion.sql('p.deals_won', closed),
      'KPI lead conversion (from deal registrations): won / closed × 100',
    ),
    median_hours_to_approval: decimal(
      hoursSql('p.approval_median_seconds'),
      'median hours from registration to approval of the deals approved in the quarter',
    ),
    mdf_currency: text('p.mdf_currency', "currency of the quarter's fund, or null"),
    mdf_allocated_minor: integer('p.mdf_allocated_minor', "the quarter's fund: allocated"),
    mdf_approved_minor: integer('p.mdf_approved_minor', 'approved in requests'),
    mdf_paid_minor: integer('p.mdf_paid_minor', 'paid in claims'),
    mdf_utilisation_pct: decimal(
      mdfUtilisation.sql('p.mdf_paid_minor', 'p.mdf_allocated_minor'),
      'KPI MDF utilisation: paid / allocated × 100',
    ),
  },
  from: sql`FROM scorecard_periods p
  LEFT JOIN scorecard_revenue pr ON pr.partner_id = p.partner_id AND pr.period = ${previousPeriodOf('p.period')}
    AND pr.currency = p.currency`,
});
