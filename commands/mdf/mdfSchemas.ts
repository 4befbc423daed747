import { z } from 'zod';
import { MdfActivity, PaymentReference, Proof } from '../../domain/mdf/index.js';
import {
  ClaimId,
  FundId,
  Instant,
  IsoDate,
  Money,
  PartnerId,
  Period,
  Reason,
  RequestId,
} from '../../domain/shared/index.js';

export const FundParams = z.strictObject({ id: FundId });
export const RequestParams = z.strictObject({ id: FundId, requestId: RequestId });
export const ClaimParams = z.strictObject({ id: FundId, claimId: ClaimId });

/** Money of more than zero: a zero fund, request, claim or approval means nothing (reject instead). */
const PositiveMoney = Money.refine((m) => m.amountMinor > 0, {
  message: 'must be more than zero',
  path: ['amountMinor'],
});

export const AllocateFundBody = z.strictObject({
  partnerId: PartnerId,
  period: Period,
  amount: PositiveMoney,
  expiresAt: Instant,
});
export const SubmitRequestBody = z.strictObject({
  activity: MdfActivity,
  description: Reason,
  amount: PositiveMoney,
  /** The day of the activity (its last day); claims are due `mdfClaimDays` after it. Default: today (UTC). */
  activityDate: IsoDate.optional(),
});
export const ApproveBody = z.strictObject({ approvedAmount: PositiveMoney });
export const RejectBody = z.strictObject({ reason: Reason });
export const SubmitClaimBody = z.strictObject({ requestId: RequestId, amount: PositiveMoney, proof: Proof });
export const PayClaimBody = z.strictObject({ paymentReference: PaymentReference });
export const CloseFundBody = z.strictObject({ reason: Reason.optional() });
