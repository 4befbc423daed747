import { z } from 'zod';
import { Objectives, PlanPeriod } from '../../domain/plan/index.js';
import { PartnerId, PlanId, Reason } from '../../domain/shared/index.js';

export const PlanPartnerParams = z.strictObject({ id: PartnerId });
export const PlanParams = z.strictObject({ id: PartnerId, planId: PlanId });
export const CreatePlanBody = z.strictObject({ period: PlanPeriod, objectives: Objectives, notes: Reason.optional() });
export const RevisePlanBody = z.strictObject({ objectives: Objectives, notes: Reason.optional() });
