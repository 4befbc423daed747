import { z } from 'zod';
import { defineEvent, Money, PartnerId, PlanId, Reason, type EventOf } from '../shared/index.js';

/** A plan's period: a year (`2026`) or a quarter (`2026-Q3`). */
export const PlanPeriod = z.string().regex(/^\d{4}(-Q[1-4])?$/, 'must be a year YYYY or a quarter YYYY-Qn');

const Count = z.number().int().min(1).max(1_000_000);
/** What the partner and the vendor agree to reach in the period; each kind at most once per plan. */
export const Objective = z.union([
  z.strictObject({ kind: z.literal('revenue'), target: Money }),
  z.strictObject({ kind: z.literal('new_customers'), target: Count }),
  z.strictObject({ kind: z.literal('certified_people'), target: Count }),
  z.strictObject({ kind: z.literal('deals_registered'), target: Count }),
]);
export type Objective = z.infer<typeof Objective>;
export const objectiveKinds = ['revenue', 'new_customers', 'certified_people', 'deals_registered'] as const;

export const Objectives = z
  .array(Objective)
  .min(1)
  .max(objectiveKinds.length)
  .refine((list) => new Set(list.map((o) => o.kind)).size === list.length, 'each objective kind at most once');

/** A joint business plan of one partner for one period (DESIGN §13). */
export const BusinessPlanCreated = defineEvent(
  'BusinessPlanCreated',
  z.object({
    planId: PlanId,
    partnerId: PartnerId,
    period: PlanPeriod,
    objectives: Objectives,
    notes: Reason.optional(),
    createdBy: z.string().min(1).max(200),
  }),
);
/** New objectives (the whole list) or notes, agreed later. */
export const BusinessPlanRevised = defineEvent(
  'BusinessPlanRevised',
  z.object({ objectives: Objectives, notes: Reason.optional(), revisedBy: z.string().min(1).max(200) }),
);
export const planEvents = [BusinessPlanCreated, BusinessPlanRevised] as const;
export type PlanEvent = EventOf<typeof planEvents>;

/** On `planperiod-<partnerId>:<period>`: one plan per partner and period, even under concurrent requests. */
export const BusinessPlanReserved = defineEvent(
  'BusinessPlanReserved',
  z.object({ planId: PlanId, partnerId: PartnerId, period: PlanPeriod }),
);
export const planReservationEvents = [BusinessPlanReserved] as const;
