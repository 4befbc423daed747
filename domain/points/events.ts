import { z } from 'zod';
import { defineEvent, Instant, PersonId, Reason, type EventOf } from '../shared/index.js';

/** Largest number of points one ledger entry may move: totals stay exact integers. */
export const MAX_POINTS = 1_000_000_000;
const Points = z
  .number()
  .int('must be a whole number of points')
  .min(1, 'must be at least 1')
  .max(MAX_POINTS, `at most ${MAX_POINTS}`);
const SignedPoints = z
  .number()
  .int('must be a whole number of points')
  .min(-MAX_POINTS, `at least -${MAX_POINTS}`)
  .max(MAX_POINTS, `at most ${MAX_POINTS}`)
  .refine((n) => n !== 0, 'must not be zero');

export const RewardId = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\w.:-]+$/, 'letters, digits, dot, colon, dash, underscore');
/** Where a redemption draws from: the person's own points, or the partner's shared (unattributed) points. */
export const RedemptionSource = z.enum(['person', 'partner']);
export type RedemptionSource = z.infer<typeof RedemptionSource>;

export const PointsEarned = defineEvent(
  'PointsEarned',
  z.object({
    personId: PersonId.optional(),
    points: Points,
    reason: Reason,
    /** The event that earned them (a DealWon, a CertificationEarned): points are earned once per source. */
    sourceEventId: z.string().regex(/^evt_[\w-]{6,60}$/, 'must be an evt_ id'),
    /** When the source happened (its recordedAt): the expiry clock of these points starts here. */
    earnedAt: Instant,
  }),
);
export const PointsAdjusted = defineEvent(
  'PointsAdjusted',
  z.object({ personId: PersonId.optional(), points: SignedPoints, reason: Reason, adjustedAt: Instant }),
);
export const PointsRedeemed = defineEvent(
  'PointsRedeemed',
  z.object({ personId: PersonId, points: Points, rewardId: RewardId, from: RedemptionSource }),
);
export const PointsExpired = defineEvent(
  'PointsExpired',
  z.object({
    personId: PersonId.optional(),
    /** All that was left of a pot's old points: may add up beyond what one entry can bring in. */
    points: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    /** Every point of the pot earned at or before this instant expired (oldest first). */
    earnedUpTo: Instant,
  }),
);

export const pointsEvents = [PointsEarned, PointsAdjusted, PointsRedeemed, PointsExpired] as const;
export type PointsEvent = EventOf<typeof pointsEvents>;
