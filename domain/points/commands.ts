import type { RedemptionSource } from './events.js';

export type PointsCommand =
  | {
      type: 'EarnPoints';
      data: { personId?: string; points: number; reason: string; sourceEventId: string; earnedAt: string };
    }
  | {
      type: 'AdjustPoints';
      /** `personKnown`: the person works for the partner or already has points here (checked by the handler). */
      data: { personId?: string; points: number; reason: string; personKnown?: boolean };
    }
  | { type: 'RedeemPoints'; data: { personId: string; points: number; rewardId: string; from: RedemptionSource } }
  | { type: 'ExpirePoints'; data: { expiryMonths: number } };
