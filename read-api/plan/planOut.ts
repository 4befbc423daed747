import { z } from 'zod';
import { PlanPeriod } from '../../domain/plan/index.js';
import { PartnerId, PlanId } from '../../domain/shared/index.js';
import { InstantOut, MoneyOut, named, pageOf } from '../../http/contract.js';

export const PlanStatus = z.enum(['upcoming', 'running', 'ended']);
export type PlanStatus = z.infer<typeof PlanStatus>;

const progress = {
  progressPct: z.number().describe('share of the target reached'),
  met: z.boolean(),
  onTrack: z.boolean().describe('met, or at least the share of the period already gone (a level must be met)'),
};
/** One objective of a plan with what the partner reached of it in the plan's period. */
export const PlanObjectiveOut = named(
  'PlanObjective',
  z.union([
    z.object({ kind: z.literal('revenue'), target: MoneyOut, actual: MoneyOut, ...progress }),
    z.object({
      kind: z.enum(['new_customers', 'certified_people', 'deals_registered']),
      target: z.number().int(),
      actual: z.number().int(),
      ...progress,
    }),
  ]),
);

/** A joint business plan of one partner for a year or quarter, each objective with its progress. */
export const PlanOut = named(
  'Plan',
  z.object({
    id: PlanId,
    partnerId: PartnerId,
    partnerName: z.string().nullable(),
    period: PlanPeriod,
    status: PlanStatus,
    elapsedPct: z.number().describe("share of the plan's period already gone"),
    objectives: z.array(PlanObjectiveOut),
    notes: z.string().nullable(),
    createdBy: z.string(),
    createdAt: InstantOut,
    revisedAt: InstantOut.nullable(),
    version: z.number().int(),
  }),
);
export const PlanPage = pageOf('PlanPage', PlanOut);
/** The plans of one period, one per partner. */
export const PeriodPlansOut = named(
  'PeriodPlans',
  z.object({ period: PlanPeriod, items: z.array(PlanOut), nextCursor: z.string().nullable() }),
);
