import { previousPeriodOf, sql } from '../analyticsSql.js';
import {
  conflictRate,
  leadConversion,
  mdfUtilisation,
  partnersAtQuota,
  registrationConversion,
  revenueGrowth,
} from '../channelKpis.js';
import { decimal, defineView, flag, integer, text } from '../analyticsView.js';
import { hoursSql } from '../kpiArithmetic.js';

const l = { converted: 'l.converted', declined: 'l.declined', lapsed: 'l.lapsed', disqualified: 'l.disqualified' };
const closed = registrationConversion.closedSql({
  won: 'p.deals_won',
  lost: 'p.deals_lost',
  expired: 'p.deals_expired',
  rejected: 'p.deals_rejected',
  withdrawn: 'p.deals_withdrawn',
});

/** The columns of every version up to the registrations' outcomes. */
const registrationColumns = {
  partner_id: text('p.partner_id', 'the partner'),
  period: text('p.period', 'the quarter, `YYYY-Qn`'),
  quota_minor: integer('p.quota_minor', 'quota for the quarter, or null'),
  quota_currency: text('p.quota_currency', 'its currency'),
  won_minor: integer('p.won_minor', "won revenue by closing date, in the quota's currency (no quota: the first win's)"),
  won_currency: text('p.currency', 'currency of `won_minor`, or null before a quota or win'),
  attainment_pct: decimal('p.attainment_pct', 'won / quota × 100, two decimals rounded half up; null without a quota'),
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
};

/** The columns of every version after the registrations' outcomes. */
const fundColumns = {
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
};

const scorecardFrom = sql`FROM scorecard_periods p
  LEFT JOIN scorecard_revenue pr ON pr.partner_id = p.partner_id AND pr.period = ${previousPeriodOf('p.period')}
    AND pr.currency = p.currency`;

/** The scorecard figures per partner and period, as `GET /partners/:id/scorecard` computes them. */
export const scorecardsV1 = defineView({
  name: 'analytics_scorecards',
  version: 1,
  rowPer: 'partner and quarter with at least one fact (a quota, a registration, an outcome, a fund)',
  key: ['partner_id', 'period'],
  columns: {
    ...registrationColumns,
    lead_conversion_pct: decimal(
      registrationConversion.sql('p.deals_won', closed),
      'KPI lead conversion (from deal registrations): won / closed × 100',
    ),
    ...fundColumns,
  },
  from: scorecardFrom,
  deprecated: { since: '2026-12-03', removeAfter: '2027-06-30' },
});

/** A lead count of the partner's quarter (0 without one). */
const leads = (counter: string, doc: string) => integer(`COALESCE(l.${counter}, 0)`, doc);

/**
 * Version 2: lead conversion counted from vendor-sourced leads (the KPI), the registrations' share beside
 * it as `registration_conversion_pct`, and the lead offers' outcomes it is computed from.
 */
export const scorecardsV2 = defineView({
  name: 'analytics_scorecards',
  version: 2,
  rowPer: 'partner and quarter with at least one fact (a quota, a registration, an outcome, a fund)',
  key: ['partner_id', 'period'],
  columns: {
    ...registrationColumns,
    registration_conversion_pct: decimal(
      registrationConversion.sql('p.deals_won', closed),
      'KPI registration conversion: won / closed × 100',
    ),
    leads_assigned: leads('assigned', 'lead offers made to the partner in the quarter (assigned or routed)'),
    leads_accepted: leads('accepted', 'offers it accepted in the quarter'),
    leads_declined: leads('declined', 'offers it declined in the quarter'),
    leads_lapsed: leads('lapsed', 'offers it let lapse in the quarter'),
    leads_converted: leads('converted', 'leads it converted into deal registrations in the quarter'),
    leads_disqualified: leads('disqualified', 'leads it held that were disqualified in the quarter'),
    lead_conversion_pct: decimal(
      leadConversion.sql('l.converted', leadConversion.answeredSql(l)),
      'KPI lead conversion: converted / (converted + declined + lapsed + disqualified) × 100',
    ),
    ...fundColumns,
  },
  from: sql`${scorecardFrom}
  LEFT JOIN lead_partner_totals l ON l.partner_id = p.partner_id AND l.period = p.period`,
});
