import { z } from 'zod';
import { LeadOutcome, RoutingCandidate, RoutingDecisive } from '../../domain/lead/index.js';
import { PlanPeriod } from '../../domain/plan/index.js';
import { DealId, LeadId, PartnerId, Slug } from '../../domain/shared/index.js';
import { CountryOut, CurrencyOut, InstantOut, MoneyOut, named, pageOf } from '../../http/contract.js';
import { DealStatus } from '../deal/dealView.js';

export const LeadStatus = z.enum([
  'registered',
  'assigned',
  'accepted',
  'declined',
  'lapsed',
  'converted',
  'disqualified',
]);
export type LeadStatus = z.infer<typeof LeadStatus>;
export const AssignmentKind = z.enum(['manual', 'routing']);
export type AssignmentKind = z.infer<typeof AssignmentKind>;
/** What became of one offer: accepted, or one of the outcomes that free the partner's place. */
export const OfferOutcome = z.enum(['accepted', ...LeadOutcome.options]);
export type OfferOutcome = z.infer<typeof OfferOutcome>;

const vendorOnly = 'null unless the caller is vendor staff';
const leadFields = {
  id: LeadId,
  customer: z.object({ name: z.string(), domain: z.string(), country: CountryOut }),
  region: Slug,
  productLine: Slug,
  estimatedValue: MoneyOut.nullable(),
  source: z.string(),
  notes: z.string().nullable(),
  status: LeadStatus,
  partnerId: PartnerId.nullable().describe('the partner holding the lead now'),
  partnerName: z.string().nullable(),
  assignedBy: AssignmentKind.nullable().describe('how the current holder got it'),
  assignedAt: InstantOut.nullable(),
  acceptBy: InstantOut.nullable(),
  acceptOverdue: z.boolean().describe('assigned and past its deadline: lapsed, the sweeper not there yet'),
  acceptedAt: InstantOut.nullable(),
  acceptedBy: z.string().nullable(),
  convertedAt: InstantOut.nullable(),
  convertedBy: z.string().nullable(),
  dealId: DealId.nullable(),
  dealStatus: DealStatus.nullable(),
  wonAt: InstantOut.nullable(),
  wonAmount: MoneyOut.nullable(),
  disqualifiedAt: InstantOut.nullable(),
  reason: z.string().nullable(),
  assignmentCount: z.number().int().nullable().describe(`how many times it was offered; ${vendorOnly}`),
  registeredAt: InstantOut,
  registeredBy: z.string().nullable().describe(vendorOnly),
  statusChangedAt: InstantOut,
  version: z.number().int(),
};
/** A vendor-sourced lead. */
export const LeadOut = named('Lead', z.object(leadFields));
export const LeadPage = pageOf('LeadPage', LeadOut);

/** One offer of a lead to a partner; vendor staff also see who assigned it and the routing decision. */
export const LeadAssignmentOut = named(
  'LeadAssignment',
  z.object({
    seq: z.number().int(),
    partnerId: PartnerId,
    partnerName: z.string().nullable(),
    by: AssignmentKind,
    assignedAt: InstantOut,
    acceptBy: InstantOut,
    outcome: OfferOutcome.nullable(),
    outcomeAt: InstantOut.nullable(),
    answerHours: z.number().nullable(),
    outcomeReason: z.string().nullable(),
    assignedBy: z.string().optional().describe('vendor staff only'),
    routing: z
      .object({
        decidedBy: RoutingDecisive,
        reason: z.string(),
        candidateCount: z.number().int(),
        excludedCount: z.number().int(),
        candidates: z.array(named('RoutingCandidate', RoutingCandidate)),
      })
      .nullable()
      .optional()
      .describe('vendor staff only; null for an assignment by hand'),
  }),
);
export const LeadDetailOut = named('LeadDetail', z.object({ ...leadFields, assignments: z.array(LeadAssignmentOut) }));

const n = z.number().int();
const pct = z.number().nullable();
/** One row of the leads dashboard: counts of the period, conversion against a year earlier, time to accept. */
export const LeadFiguresOut = named(
  'LeadFigures',
  z.object({
    registered: n,
    assigned: n,
    accepted: n,
    declined: n,
    lapsed: n,
    converted: n,
    disqualified: n,
    won: n,
    lost: n,
    conversionPct: pct.describe('converted ÷ offers answered'),
    previousYearConversionPct: pct,
    conversionChangePts: pct.describe('percentage points'),
    medianHoursToAccept: z.number().nullable(),
  }),
);
export const LeadDashboardOut = named(
  'LeadDashboard',
  z.object({
    period: PlanPeriod,
    previousYearPeriod: PlanPeriod,
    asOf: InstantOut,
    channel: LeadFiguresOut,
    regions: z.array(z.object({ region: Slug, ...LeadFiguresOut.shape })),
    partners: pageOf(
      'LeadDashboardPartnerPage',
      z.object({
        partnerId: PartnerId,
        name: z.string().nullable(),
        partnerRegion: Slug.nullable(),
        ...LeadFiguresOut.shape,
      }),
    ),
  }),
);

/** The white paper's Aberdeen measures in channel health: quota now; revenue growth and lead conversion on a year. */
export const AberdeenOut = named(
  'AberdeenMeasures',
  z.object({
    yearEarlierPeriod: PlanPeriod,
    partnersAchievingQuotaPct: pct,
    revenueGrowthYoYPct: pct,
    revenue: z.object({
      currency: CurrencyOut.nullable().describe('the currency with the most won revenue; null when none was won'),
      wonMinor: n,
      yearEarlierWonMinor: n,
      growthPct: pct,
    }),
    leadConversionPct: pct,
    yearEarlierLeadConversionPct: pct,
    leadConversionChangePts: pct.describe('percentage points'),
    leads: LeadFiguresOut,
  }),
);
