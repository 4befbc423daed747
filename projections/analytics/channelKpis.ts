import { flag, sql, type Expr } from './analyticsSql.js';
import { days, daysSql, growthPct, growthPctSql, pct, pctSql } from './kpiArithmetic.js';

/**
 * Every channel KPI, defined once: its definition as the README states it, the API's figure (TypeScript)
 * and the analytics views' column (SQL), computed the same way (kpiArithmetic.ts). The read API's
 * scorecards and channel health call `of`; the views in ./views render `sql`; the README's KPI table is
 * held to `title` and `definition` by tests/projections/analyticsDocs.test.ts, and
 * tests/projections/analyticsOnSeed.test.ts holds the API and the views equal on a seeded store.
 */
export interface KpiDescription {
  readonly title: string;
  readonly definition: string;
  /** Where the API answers it. */
  readonly api: string;
  /** Where the analytics views hold it. */
  readonly views: string;
}

export interface Outcomes {
  readonly won: number;
  readonly lost: number;
  readonly expired: number;
  readonly rejected: number;
  readonly withdrawn: number;
}

export const partnersAtQuota = {
  title: 'Partners at quota',
  definition:
    'Of the partners active at the end of the period (now, for the running period) with a quota above zero ' +
    "for it, the share whose won revenue in the period (by closing date, in the quota's currency) reached the " +
    'quota; null when none has a quota. A partner reached its quota when won revenue ≥ quota.',
  api: '`quota.achievingPct` of channel health; `achievedQuota` of a scorecard',
  views: '`analytics_channel_health.achieving_quota_pct`; `analytics_scorecards.achieved_quota`',
  of: (achieving: number, withQuota: number) => pct(achieving, withQuota),
  sql: (achieving: Expr, withQuota: Expr) => pctSql(achieving, withQuota),
  achieved: (wonMinor: number, quotaMinor: number | null): boolean | null =>
    quotaMinor !== null && quotaMinor > 0 ? wonMinor >= quotaMinor : null,
  achievedSql: (wonMinor: Expr, quotaMinor: Expr) =>
    sql`CASE WHEN ${quotaMinor} > 0 THEN ${flag(sql`${wonMinor} >= ${quotaMinor}`)} END`,
};

export const revenueGrowth = {
  title: 'Revenue growth',
  definition:
    'Won revenue of a period (by closing date, per currency) against an earlier period in the same currency: ' +
    '(won − earlier) / earlier × 100; null when the earlier period won nothing. Scorecards and channel health ' +
    'compare with the previous quarter; `analytics_channel_revenue` also with the same quarter a year earlier ' +
    "(Aberdeen's year-over-year growth).",
  api: '`growthPct` of a scorecard; `revenue.growthPct`, `revenue.byCurrency[].growthPct` of channel health',
  views: '`analytics_scorecards.growth_pct`; `analytics_channel_revenue.growth_pct`, `yoy_growth_pct`',
  of: (wonMinor: number, earlierWonMinor: number | null | undefined) => growthPct(wonMinor, earlierWonMinor),
  sql: (wonMinor: Expr, earlierWonMinor: Expr) => growthPctSql(wonMinor, earlierWonMinor),
};

/** What became of vendor-sourced lead offers in a period (DESIGN §13). */
export interface LeadOutcomes {
  readonly converted: number;
  readonly declined: number;
  readonly lapsed: number;
  readonly disqualified: number;
}

export const leadConversion = {
  title: 'Lead conversion',
  definition:
    'Of the offers of vendor-sourced leads to partners that came to an outcome in the period (converted, ' +
    'declined, lapsed or disqualified, when recorded; DESIGN §13), the share converted into a deal registration: ' +
    'converted / (converted + declined + lapsed + disqualified) × 100; offers awaiting an answer or accepted and ' +
    'still open do not count. Version 1 of the views approximated it from deal registrations (registration ' +
    'conversion).',
  api:
    "`aberdeen.leadConversionPct` of channel health; `leads.conversionPct` of a partner's scorecard; " +
    '`channel.conversionPct` of the leads dashboard',
  views: '`analytics_scorecards.lead_conversion_pct`; `analytics_channel_health.lead_conversion_pct` (version 2)',
  answered: (o: LeadOutcomes) => o.converted + o.declined + o.lapsed + o.disqualified,
  answeredSql: (o: Record<keyof LeadOutcomes, Expr>) =>
    sql`(${o.converted} + ${o.declined} + ${o.lapsed} + ${o.disqualified})`,
  of: (converted: number, answered: number) => pct(converted, answered),
  sql: (converted: Expr, answered: Expr) => pctSql(converted, answered),
};

export const registrationConversion = {
  title: 'Registration conversion',
  definition:
    'Of the deal registrations that came to an end in the period (won by closing date; lost, expired, rejected ' +
    'or withdrawn when recorded), the share won: won / (won + lost + expired + rejected + withdrawn) × 100; open ' +
    'registrations do not count. Version 1 of the views named it lead conversion.',
  api: '`leadConversionPct` of a scorecard; `leads.conversionPct` of channel health',
  views:
    '`analytics_scorecards.registration_conversion_pct`, `analytics_channel_health.registration_conversion_pct` ' +
    '(`lead_conversion_pct` in version 1)',
  closed: (o: Outcomes) => o.won + o.lost + o.expired + o.rejected + o.withdrawn,
  closedSql: (o: Record<keyof Outcomes, Expr>) =>
    sql`(${o.won} + ${o.lost} + ${o.expired} + ${o.rejected} + ${o.withdrawn})`,
  of: (won: number, closed: number) => pct(won, closed),
  sql: (won: Expr, closed: Expr) => pctSql(won, closed),
};

export const conflictRate = {
  title: 'Conflict rate',
  definition:
    'Of the deal registrations recorded in the period, the share that collided with an earlier pending or ' +
    'protected registration of another partner for the same customer and product line (`DealConflictDetected` ' +
    'on the registration): collided / registered × 100. ' +
    'Not the share flagged on either side (`conflict_flagged`): a collision also flags the earlier registration.',
  api: '`deals.conflicted` / `deals.registered` of a scorecard',
  views: '`analytics_scorecards.conflict_rate_pct`; `analytics_channel_health.conflict_rate_pct`',
  of: (collided: number, registered: number) => pct(collided, registered),
  sql: (collided: Expr, registered: Expr) => pctSql(collided, registered),
};

export const timeToFirstDeal = {
  title: 'Time to first deal',
  definition:
    "Days (one decimal) from the partner's activation to its first deal registration; null until both exist, " +
    '0 when it registered before activating.',
  api: '`timeToFirstDealDays` of a scorecard',
  views: '`analytics_partners.time_to_first_deal_days`',
  of: (activatedAt: string | null, firstDealAt: string | null) => days(activatedAt, firstDealAt),
  sql: (activatedAt: string, firstDealAt: string) => daysSql(activatedAt, firstDealAt),
};

export const certificationCoverage = {
  title: 'Certification coverage',
  definition:
    "Of a partner's current employees, the share holding at least one valid certification now (not revoked, " +
    'expiring after now): certified / employees × 100; null without employees.',
  api: '`certifiedPeople` / `employeeCount` of a scorecard',
  views: '`analytics_partners.certification_coverage_pct`',
  of: (certified: number, employees: number) => pct(certified, employees),
  sql: (certified: Expr, employees: Expr) => pctSql(certified, employees),
};

export const mdfUtilisation = {
  title: 'MDF utilisation',
  definition:
    "Of a fund's allocated amount, the share paid out in claims: paid / allocated × 100, per fund or over a " +
    "partner's funds of a period; null without an allocation.",
  api: '`mdf.utilisationPct` of a scorecard',
  views: '`analytics_mdf.utilisation_pct`; `analytics_scorecards.mdf_utilisation_pct`',
  of: (paidMinor: number, allocatedMinor: number) => pct(paidMinor, allocatedMinor),
  sql: (paidMinor: Expr, allocatedMinor: Expr) => pctSql(paidMinor, allocatedMinor),
};

export const pointsLiability = {
  title: 'Points liability',
  definition:
    'Points the vendor still owes, now: the signed points of every ledger entry summed (earned + adjustments − ' +
    "redeemed − expired), per partner (its people's pots and its shared points) or over the channel.",
  api: '`pointsBalance` of a scorecard; `balance` of `GET /partners/:id/points`',
  views: '`analytics_partners.points_balance`; `SUM(points)` of `analytics_points`',
  of: (entries: readonly number[]) => entries.reduce((sum, points) => sum + points, 0),
  sql: (points: Expr) => sql`COALESCE(SUM(${points}), 0)`,
  /**
   * A partner's liability as the scorecard row keeps it: the same sum, added to by the scorecards
   * projection with each ledger entry (summing the ledger per partner read every entry's row: 200 ms
   * for 1,000 partners on the seed). tests/projections/analyticsOnSeed.test.ts holds the two equal.
   */
  perPartnerSql: (balance: Expr) => sql`COALESCE(${balance}, 0)`,
};

export const quadrantNames = ['emerging_growth', 'scaling', 'sub_optimized', 'continuous_improvement'] as const;
export type QuadrantName = (typeof quadrantNames)[number];

export const channelQuadrant = {
  title: 'Channel quadrant',
  definition:
    'DESIGN §5 (LogicBay): enough partners when active partners ≥ `desiredPartnerCount`, performing when partners ' +
    'at quota ≥ `quotaAttainmentThresholdPct` (none with a quota counts as below): `emerging_growth` (fewer, ' +
    'below), `scaling` (fewer, at or above), `sub_optimized` (enough, below), `continuous_improvement` ' +
    '(enough, at or above).',
  api: '`quadrant` of channel health',
  views: '`analytics_channel_health.quadrant`',
  of: (enoughPartners: boolean, performing: boolean): QuadrantName =>
    enoughPartners
      ? performing
        ? 'continuous_improvement'
        : 'sub_optimized'
      : performing
        ? 'scaling'
        : 'emerging_growth',
  performing: (achievingPct: number | null, thresholdPct: number) =>
    achievingPct !== null && achievingPct >= thresholdPct,
  sql: (enoughPartners: Expr, performing: Expr) =>
    sql`CASE WHEN ${enoughPartners} THEN CASE WHEN ${performing} THEN 'continuous_improvement' ELSE 'sub_optimized' END
      ELSE CASE WHEN ${performing} THEN 'scaling' ELSE 'emerging_growth' END END`,
};

/** The KPI table of the README, in its order. */
export const channelKpis: readonly KpiDescription[] = [
  partnersAtQuota,
  revenueGrowth,
  leadConversion,
  registrationConversion,
  conflictRate,
  timeToFirstDeal,
  certificationCoverage,
  mdfUtilisation,
  pointsLiability,
  channelQuadrant,
];
