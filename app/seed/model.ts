import type { ChannelSettings } from '../../domain/channel/index.js';

/**
 * The knobs of the synthetic channel. Strength is Pareto-distributed (alpha 1.16: the top 20% hold
 * about 80%); deal flow grows with strength^0.6 and deal size with strength^0.4, so won revenue follows
 * strength and the Pareto shape shows in the revenue.
 */
export const model = {
  paretoAlpha: 1.16,
  strengthCap: 400,
  distributorShare: 0.03,
  mspShare: 0.15,
  referralShare: 0.08,
  /** Resellers that buy through a distributor (two-tier). */
  twoTierShare: 0.4,
  /** Partners that exist when the simulation starts; the rest are recruited over the two years. */
  initialCohort: 0.45,
  rejectedApplications: 0.07,
  suspended: 0.04,
  terminated: 0.05,
  /** Deal registrations per active partner and day, times strength^0.6. */
  dealsPerDay: 0.16,
  /** Typical estimated value in EUR, times strength^0.4 and log-normal noise. */
  dealSizeEur: 18_000,
  conflictShare: 0.05,
  leaversPerYear: 0.16,
  /** Leavers who later join another partner (and take their certifications along). */
  movers: 0.4,
  certificationRenewals: 0.6,
  revocations: 0.003,
  /** Desired partner count, relative to the number of partners seeded. */
  desiredPartners: 1.2,
  /** Funds per quarter in EUR by tier (registered partners get none). */
  mdfByTier: { registered: 0, silver: 5_000, gold: 15_000, platinum: 40_000 } as Record<string, number>,
  /** Tier criteria over the last four quarters' won revenue (EUR) and certified people now. */
  tierCriteria: {
    silver: { minWonRevenue: 150_000, minCertifiedPeople: 2 },
    gold: { minWonRevenue: 700_000, minCertifiedPeople: 4 },
    platinum: { minWonRevenue: 2_500_000, minCertifiedPeople: 8 },
  } as Record<string, { minWonRevenue: number; minCertifiedPeople: number }>,
  /** Share of tier signals the vendor acts on at each quarterly review (the rest stay visible as signals). */
  tierReviewActs: 0.6,
} as const;

export const CURRENCY = 'EUR';
export const DAY = 86_400_000;
export const eur = (units: number) => ({ amountMinor: Math.round(units) * 100, currency: CURRENCY });

/**
 * `model.tierCriteria` as the channel settings hold them (money in EUR minor units): set on day 0, and
 * what tier reviews check.
 */
export const tierCriteriaMoney: ChannelSettings['tierCriteria'] = Object.fromEntries(
  Object.entries(model.tierCriteria).map(([tier, c]) => [
    tier,
    { minWonRevenue: eur(c.minWonRevenue), minCertifiedPeople: c.minCertifiedPeople },
  ]),
);
