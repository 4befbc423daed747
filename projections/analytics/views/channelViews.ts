import { defaultChannelSettings } from '../../../domain/channel/index.js';
import {
  channelSetting,
  flag as when,
  instant as at,
  now,
  periodEndOf,
  periodStartOf,
  previousPeriodOf,
  sql,
  yearAgoPeriodOf,
} from '../analyticsSql.js';
import {
  channelQuadrant,
  conflictRate,
  leadConversion,
  partnersAtQuota,
  registrationConversion,
  revenueGrowth,
} from '../channelKpis.js';
import { decimal, defineView, flag, instant, integer, text } from '../analyticsView.js';
import { pctSql } from '../kpiArithmetic.js';

const closedDeals = registrationConversion.closedSql({
  won: 'deals_won',
  lost: 'deals_lost',
  expired: 'deals_expired',
  rejected: 'deals_rejected',
  withdrawn: 'deals_withdrawn',
});
const desired = channelSetting('desiredPartnerCount', defaultChannelSettings.desiredPartnerCount);
const threshold = channelSetting('quotaAttainmentThresholdPct', defaultChannelSettings.quotaAttainmentThresholdPct);
const achievingPct = partnersAtQuota.sql('a.achieving', 'a.with_quota');
const enough = sql`a.active_partners >= ${desired}`;
const performing = sql`${achievingPct} IS NOT NULL AND ${achievingPct} >= ${threshold}`;

/**
 * Per quarter: the partners active at its end (from the status history; now, for the running quarter),
 * those of them with a quota and achieving it, and the channel's registrations and outcomes.
 */
const partnersAtEnd = sql`(SELECT b.period, b.period_end, COUNT(h.partner_id) AS active_partners,
      SUM(CASE WHEN q.quota_minor > 0 THEN 1 ELSE 0 END) AS with_quota,
      SUM(CASE WHEN q.quota_minor > 0 AND q.won_minor >= q.quota_minor THEN 1 ELSE 0 END) AS achieving
    FROM (SELECT ps.period, ${periodEndOf('ps.period')} AS period_end
      FROM (SELECT DISTINCT period FROM scorecard_periods) ps) b
    LEFT JOIN scorecard_partner_status h ON h.status = 'active' AND h.changed_at < b.period_end
      AND (h.next_changed_at IS NULL OR h.next_changed_at >= b.period_end)
    LEFT JOIN scorecard_periods q ON q.partner_id = h.partner_id AND q.period = b.period
    GROUP BY b.period, b.period_end) a
  JOIN (SELECT period, SUM(deals_registered) AS registered, SUM(deals_conflicted) AS collided,
      SUM(deals_won) AS won, SUM(${closedDeals}) AS closed
    FROM scorecard_periods GROUP BY period) d ON d.period = a.period`;

/** Channel health per quarter: the Aberdeen measures and the LogicBay quadrant, as the API computes them. */
const healthColumns = {
  period: text('a.period', 'the quarter'),
  period_start: instant(periodStartOf('a.period'), 'its first instant'),
  period_end: instant('a.period_end', 'the first instant after it'),
  previous_period: text(previousPeriodOf('a.period'), 'the quarter before'),
  year_ago_period: text(yearAgoPeriodOf('a.period'), 'the same quarter a year earlier'),
  running: flag(when(sql`${now} < ${at('a.period_end')}`), 'the quarter has not ended yet (figures to date)'),
  active_partners: integer('a.active_partners', 'partners active at its end (now, for the running quarter)'),
  desired_partner_count: integer(desired, "the channel setting `desiredPartnerCount` (today's value)"),
  partner_coverage_pct: decimal(pctSql('a.active_partners', desired), 'active / desired × 100'),
  enough_partners: flag(when(enough), 'active ≥ desired'),
  partners_with_quota: integer('a.with_quota', 'active partners with a quota above zero'),
  partners_achieving_quota: integer('a.achieving', 'of those, the ones whose won revenue reached it'),
  achieving_quota_pct: decimal(achievingPct, 'KPI partners at quota'),
  quota_threshold_pct: decimal(threshold, "the channel setting `quotaAttainmentThresholdPct` (today's value)"),
  performing: flag(when(performing), 'partners at quota ≥ the threshold'),
  quadrant: text(channelQuadrant.sql(enough, performing), 'KPI channel quadrant'),
  deals_registered: integer('d.registered', "registrations recorded in the quarter, every partner's"),
  deals_collided: integer('d.collided', 'of those, the ones that collided'),
  conflict_rate_pct: decimal(conflictRate.sql('d.collided', 'd.registered'), 'KPI conflict rate'),
  deals_won: integer('d.won', 'wins whose closing date is in the quarter'),
  deals_closed: integer('d.closed', 'registrations that came to an end in the quarter'),
};

export const channelHealthV1 = defineView({
  name: 'analytics_channel_health',
  version: 1,
  rowPer: 'quarter with at least one fact in a scorecard',
  key: ['period'],
  castEveryColumn: true,
  columns: {
    ...healthColumns,
    lead_conversion_pct: decimal(
      registrationConversion.sql('d.won', 'd.closed'),
      'KPI lead conversion (from deal registrations)',
    ),
  },
  from: sql`FROM ${partnersAtEnd}`,
  deprecated: { since: '2026-12-03', removeAfter: '2027-06-30' },
});

/** The channel's lead counts per quarter, every region's and unassigned leads' included. */
const leadQuarters = `(SELECT period, SUM(registered) AS registered, SUM(assigned) AS assigned,
      SUM(accepted) AS accepted, SUM(converted) AS converted,
      SUM(converted + declined + lapsed + disqualified) AS answered
    FROM lead_region_totals GROUP BY period)`;

/**
 * Version 2: lead conversion counted from vendor-sourced leads, this quarter and the same quarter a year
 * earlier (the Aberdeen measure), the registrations' share beside it as `registration_conversion_pct`.
 */
export const channelHealthV2 = defineView({
  name: 'analytics_channel_health',
  version: 2,
  rowPer: 'quarter with at least one fact in a scorecard',
  key: ['period'],
  castEveryColumn: true,
  columns: {
    ...healthColumns,
    registration_conversion_pct: decimal(
      registrationConversion.sql('d.won', 'd.closed'),
      'KPI registration conversion: registrations won / closed × 100',
    ),
    leads_registered: integer('COALESCE(l.registered, 0)', 'vendor-sourced leads registered in the quarter'),
    leads_assigned: integer('COALESCE(l.assigned, 0)', 'lead offers made to partners (assigned or routed)'),
    leads_accepted: integer('COALESCE(l.accepted, 0)', 'offers accepted'),
    leads_converted: integer('COALESCE(l.converted, 0)', 'leads converted into deal registrations'),
    leads_answered: integer(
      'COALESCE(l.answered, 0)',
      'offers that came to an outcome: converted, declined, lapsed or disqualified',
    ),
    lead_conversion_pct: decimal(leadConversion.sql('l.converted', 'l.answered'), 'KPI lead conversion'),
    year_ago_lead_conversion_pct: decimal(
      leadConversion.sql('ly.converted', 'ly.answered'),
      'KPI lead conversion of the same quarter a year earlier',
    ),
  },
  from: sql`FROM ${partnersAtEnd}
  LEFT JOIN ${leadQuarters} l ON l.period = a.period
  LEFT JOIN ${leadQuarters} ly ON ly.period = ${yearAgoPeriodOf('a.period')}`,
});

/** The channel's won revenue per quarter and currency, against the previous quarter and a year earlier. */
export const channelRevenueV1 = defineView({
  name: 'analytics_channel_revenue',
  version: 1,
  rowPer: 'quarter and currency with won revenue',
  key: ['period', 'currency'],
  columns: {
    period: text('r.period', 'the quarter (of the closing dates)'),
    currency: text('r.currency', 'the currency'),
    won_minor: integer('r.won_minor', 'won revenue'),
    deals_won: integer('r.deals_won', 'deals won'),
    previous_period: text(previousPeriodOf('r.period'), 'the quarter before'),
    previous_won_minor: integer('COALESCE(pr.won_minor, 0)', 'its won revenue in the currency'),
    growth_pct: decimal(revenueGrowth.sql('r.won_minor', 'pr.won_minor'), 'KPI revenue growth on the previous quarter'),
    year_ago_period: text(yearAgoPeriodOf('r.period'), 'the same quarter a year earlier'),
    year_ago_won_minor: integer('COALESCE(yr.won_minor, 0)', 'its won revenue in the currency'),
    yoy_growth_pct: decimal(revenueGrowth.sql('r.won_minor', 'yr.won_minor'), 'KPI revenue growth year over year'),
  },
  from: sql`FROM scorecard_channel_revenue r
  LEFT JOIN scorecard_channel_revenue pr ON pr.period = ${previousPeriodOf('r.period')} AND pr.currency = r.currency
  LEFT JOIN scorecard_channel_revenue yr ON yr.period = ${yearAgoPeriodOf('r.period')} AND yr.currency = r.currency`,
});
