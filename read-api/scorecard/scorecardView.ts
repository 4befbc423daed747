import { z } from 'zod';
import type { ChannelSettings } from '../../domain/channel/index.js';
import { PartnerId, PartnerType, Period, PersonId, Slug, Tier } from '../../domain/shared/index.js';
import { CountryOut, MoneyOut, named } from '../../http/contract.js';
import { PartnerStatus, ReadinessOut } from '../partner/partnerView.js';
import type { Database } from '../../projections/readModels/database.js';
import {
  registrationConversion,
  mdfUtilisation,
  partnersAtQuota,
  revenueGrowth,
  timeToFirstDeal,
} from '../../projections/analytics/channelKpis.js';
import { days, hours } from '../../projections/analytics/kpiArithmetic.js';
import { money } from './figures.js';
import { certifiedPeopleNow, readinessNow } from './readinessNow.js';

const n = z.number().int();
const pctOut = z.number().nullable();
/** One partner's scorecard for a period (KPIs defined in the README). */
export const scorecardFields = {
  partnerId: PartnerId,
  name: z.string(),
  region: Slug,
  country: CountryOut,
  type: PartnerType,
  parentPartnerId: PartnerId.nullable(),
  status: PartnerStatus,
  tier: Tier.nullable(),
  channelManagerId: PersonId.nullable(),
  period: Period,
  previousPeriod: Period,
  quota: MoneyOut.nullable(),
  wonRevenue: MoneyOut.nullable(),
  attainmentPct: pctOut,
  achievedQuota: z.boolean().nullable(),
  previousWonRevenue: MoneyOut.nullable(),
  growthPct: pctOut,
  deals: z.object({
    registered: n,
    conflicted: n,
    approved: n,
    rejected: n,
    withdrawn: n,
    won: n,
    lost: n,
    expired: n,
  }),
  leadConversionPct: pctOut,
  medianHoursToApproval: z.number().nullable(),
  timeToFirstDealDays: z.number().nullable(),
  timeToFirstWinDays: z.number().nullable(),
  employeeCount: n,
  certifiedPeople: n,
  readiness: z.record(z.string(), ReadinessOut),
  readyProductLines: z.array(z.string()),
  mdf: z
    .object({
      allocated: MoneyOut.nullable(),
      approved: MoneyOut.nullable(),
      paid: MoneyOut.nullable(),
      utilisationPct: pctOut,
    })
    .nullable(),
  pointsBalance: n,
};
export const ScorecardOut = named('Scorecard', z.object(scorecardFields));

type PeriodFigures = Omit<Database['scorecard_periods'], 'partner_id' | 'period'>;

/** A period row's figures, zero when the partner has no fact in the period. */
export const emptyPeriod: PeriodFigures = {
  quota_minor: null,
  quota_currency: null,
  currency: null,
  won_minor: 0,
  attainment_pct: null,
  deals_registered: 0,
  deals_conflicted: 0,
  deals_approved: 0,
  deals_rejected: 0,
  deals_withdrawn: 0,
  deals_won: 0,
  deals_lost: 0,
  deals_expired: 0,
  approval_median_seconds: null,
  mdf_currency: null,
  mdf_allocated_minor: 0,
  mdf_approved_minor: 0,
  mdf_paid_minor: 0,
};

/** A period row's outcome counters, as numbers (bigint columns may arrive as strings on PostgreSQL). */
export const outcomesOf = (f: PeriodFigures) => ({
  won: Number(f.deals_won),
  lost: Number(f.deals_lost),
  expired: Number(f.deals_expired),
  rejected: Number(f.deals_rejected),
  withdrawn: Number(f.deals_withdrawn),
});

export interface ScorecardInput {
  readonly partner: Database['scorecard_partners'];
  readonly figures: PeriodFigures | undefined;
  /** Won revenue of the previous period in the same currency as this period's. */
  readonly previousWonMinor: number | null;
  readonly period: string;
  readonly previousPeriod: string;
  readonly settings: ChannelSettings;
  readonly now: Date;
}

/** One partner's scorecard for a period (each KPI is defined once, in channelKpis.ts; the README lists them). */
export const scorecardView = ({
  partner: sp,
  figures,
  previousWonMinor,
  period,
  previousPeriod,
  settings,
  now,
}: ScorecardInput): z.input<typeof ScorecardOut> => {
  const f = { ...emptyPeriod, ...(figures ?? {}) };
  const won = Number(f.won_minor);
  const allocated = Number(f.mdf_allocated_minor);
  const { readiness, readyProductLines } = readinessNow(
    sp.line_expiries,
    settings.productLines,
    settings.minCertifiedForReady,
    now,
  );
  return {
    partnerId: sp.partner_id,
    name: sp.name,
    region: sp.region,
    country: sp.country,
    type: sp.type as PartnerType,
    parentPartnerId: sp.parent_partner_id,
    status: sp.status as PartnerStatus,
    tier: sp.tier as Tier | null,
    channelManagerId: sp.channel_manager_id,
    period,
    previousPeriod,
    quota: money(f.quota_minor, f.quota_currency),
    wonRevenue: money(won, f.currency),
    attainmentPct: f.attainment_pct === null ? null : Number(f.attainment_pct),
    achievedQuota: partnersAtQuota.achieved(won, f.quota_minor === null ? null : Number(f.quota_minor)),
    previousWonRevenue: money(previousWonMinor ?? (f.currency ? 0 : null), f.currency),
    growthPct: revenueGrowth.of(won, previousWonMinor),
    deals: {
      registered: Number(f.deals_registered),
      conflicted: Number(f.deals_conflicted),
      approved: Number(f.deals_approved),
      rejected: Number(f.deals_rejected),
      withdrawn: Number(f.deals_withdrawn),
      won: Number(f.deals_won),
      lost: Number(f.deals_lost),
      expired: Number(f.deals_expired),
    },
    leadConversionPct: registrationConversion.of(Number(f.deals_won), registrationConversion.closed(outcomesOf(f))),
    medianHoursToApproval: f.approval_median_seconds === null ? null : hours(Number(f.approval_median_seconds)),
    timeToFirstDealDays: timeToFirstDeal.of(sp.activated_at, sp.first_deal_at),
    timeToFirstWinDays: days(sp.activated_at, sp.first_win_at),
    employeeCount: Number(sp.employee_count),
    certifiedPeople: certifiedPeopleNow(sp.certified_expiries, now),
    readiness,
    readyProductLines,
    mdf:
      allocated > 0
        ? {
            allocated: money(allocated, f.mdf_currency),
            approved: money(f.mdf_approved_minor, f.mdf_currency),
            paid: money(f.mdf_paid_minor, f.mdf_currency),
            utilisationPct: mdfUtilisation.of(Number(f.mdf_paid_minor), allocated),
          }
        : null,
    pointsBalance: Number(sp.points_balance),
  };
};
export type ScorecardView = ReturnType<typeof scorecardView>;
