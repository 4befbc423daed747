import { z } from 'zod';
import { defaultProductLines, Money, Slug, tiers } from '../shared/index.js';

const TierCriterion = z.strictObject({
  minWonRevenue: Money,
  minCertifiedPeople: z.number().int().min(0).max(100_000),
});

/** Every channel setting with its bounds (DESIGN §4); all optional in a change. */
export const ChannelSettingsChange = z.strictObject({
  desiredPartnerCount: z.number().int().min(0).max(1_000_000).optional(),
  quotaAttainmentThresholdPct: z.number().min(0).max(1000).optional(),
  dealProtectionDays: z.number().int().min(1).max(3650).optional(),
  maxDealExtensions: z.number().int().min(0).max(100).optional(),
  minCertifiedForReady: z.number().int().min(1).max(10_000).optional(),
  mdfClaimDays: z.number().int().min(1).max(3650).optional(),
  /** Points per whole currency unit (100 minor units) of won revenue. */
  pointsPerWonAmountUnit: z.number().min(0).max(1000).optional(),
  pointsExpiryMonths: z.number().int().min(1).max(240).optional(),
  productLines: z
    .array(Slug)
    .min(1)
    .max(100)
    .refine((l) => new Set(l).size === l.length, 'product lines must be unique')
    .optional(),
  tierCriteria: z.partialRecord(z.enum(tiers), TierCriterion).optional(),
  /** Hours an assigned partner has to accept a lead before it lapses (DESIGN §13). */
  leadAcceptHours: z.number().int().min(1).max(8760).optional(),
  /** A lapsed lead is routed to the next eligible partner at once. */
  autoRouteLapsedLeads: z.boolean().optional(),
});
export type ChannelSettingsChange = z.infer<typeof ChannelSettingsChange>;

export type ChannelSettings = Required<Omit<ChannelSettingsChange, 'tierCriteria'>> & {
  tierCriteria: NonNullable<ChannelSettingsChange['tierCriteria']>;
};

export const defaultChannelSettings: ChannelSettings = {
  desiredPartnerCount: 100,
  quotaAttainmentThresholdPct: 50,
  dealProtectionDays: 90,
  maxDealExtensions: 2,
  minCertifiedForReady: 1,
  mdfClaimDays: 60,
  pointsPerWonAmountUnit: 0.01,
  pointsExpiryMonths: 24,
  productLines: [...defaultProductLines],
  tierCriteria: {},
  leadAcceptHours: 48,
  autoRouteLapsedLeads: true,
};
