import { z } from 'zod';
import { MAX_POINTS, RedemptionSource, RewardId } from '../../domain/points/index.js';
import { PartnerId, PersonId, Reason } from '../../domain/shared/index.js';

export const PartnerParams = z.strictObject({ id: PartnerId });

const whole = z.number().int('must be a whole number of points');
export const AdjustmentBody = z.strictObject({
  points: whole
    .min(-MAX_POINTS, `at least -${MAX_POINTS}`)
    .max(MAX_POINTS, `at most ${MAX_POINTS}`)
    .refine((n) => n !== 0, 'must not be zero'),
  reason: Reason,
  personId: PersonId.optional(),
});
export const RedemptionBody = z.strictObject({
  personId: PersonId,
  points: whole.min(1, 'must be at least 1').max(MAX_POINTS, `at most ${MAX_POINTS}`),
  rewardId: RewardId,
  /** `partner`: the partner's shared points (partner admins only); default the person's own points. */
  from: RedemptionSource.default('person'),
});
