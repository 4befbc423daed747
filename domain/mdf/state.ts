import type { MdfActivity } from './events.js';

export type RequestStatus = 'submitted' | 'approved' | 'rejected';
export type ClaimStatus = 'submitted' | 'approved' | 'rejected' | 'paid';

export interface MdfRequest {
  readonly requestId: string;
  readonly activity: MdfActivity;
  readonly amountMinor: number;
  readonly activityDate: string;
  readonly status: RequestStatus;
  readonly approvedMinor?: number;
  readonly claimDeadline?: string;
  /** The claim currently submitted, approved or paid against this request (one at a time). */
  readonly claimId?: string;
}

export interface MdfClaim {
  readonly claimId: string;
  readonly requestId: string;
  readonly amountMinor: number;
  readonly status: ClaimStatus;
  readonly approvedMinor?: number;
}

/**
 * A fund with running balances (all integer minor units of the fund's currency):
 * - committed: approved amounts of approved requests whose claim is not yet paid;
 * - claimed: amounts of claims not rejected (submitted, approved or paid);
 * - paid: approved amounts of paid claims;
 * - available = allocated - committed - paid (never negative).
 */
export interface FundState {
  readonly status: 'none' | 'open' | 'closed';
  readonly fundId?: string;
  readonly partnerId?: string;
  readonly period?: string;
  readonly currency?: string;
  readonly expiresAt?: string;
  readonly allocated: number;
  readonly committed: number;
  readonly claimed: number;
  readonly paid: number;
  readonly requests: Readonly<Record<string, MdfRequest>>;
  readonly claims: Readonly<Record<string, MdfClaim>>;
}

export const initialFundState: FundState = {
  status: 'none',
  allocated: 0,
  committed: 0,
  claimed: 0,
  paid: 0,
  requests: {},
  claims: {},
};

export const available = (s: FundState): number => s.allocated - s.committed - s.paid;

/** A fund takes nothing new from its expiry on; only approved claims may still be paid. */
export const isExpired = (s: FundState, now: Date): boolean =>
  s.expiresAt !== undefined && now.getTime() >= Date.parse(s.expiresAt);
