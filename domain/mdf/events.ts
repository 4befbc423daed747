import { z } from 'zod';
import {
  ApiClientId,
  ClaimId,
  defineEvent,
  FundId,
  Instant,
  IsoDate,
  Money,
  Name,
  PartnerId,
  Period,
  PersonId,
  Reason,
  RequestId,
  isWellFormedText,
  singleLine,
  type EventOf,
} from '../shared/index.js';

/** Kinds of marketing activity a fund pays for. */
export const MdfActivity = z.enum(['event', 'digital_campaign', 'content_syndication', 'training', 'other']);
export type MdfActivity = z.infer<typeof MdfActivity>;

/** Who submitted: a person, an API client, or `admin` for the built-in admin key. */
export const Submitter = z.union([PersonId, ApiClientId, z.literal('admin')]);

/** One piece of proof of performance: a named document, where it is, and optionally its digest. */
export const ProofItem = z.strictObject({
  name: Name,
  uri: z
    .string()
    .max(2048, 'at most 2048 characters')
    .refine(isWellFormedText, 'must be well-formed Unicode (no lone surrogate)')
    .pipe(z.url({ protocol: /^(https?|s3)$/, error: 'must be an http(s) or s3 URL' })),
  sha256: z
    .string()
    .regex(/^[a-f0-9]{64}$/, 'must be 64 lower-case hex digits')
    .optional(),
});
export type ProofItem = z.infer<typeof ProofItem>;
export const Proof = z.array(ProofItem).min(1, 'at least one proof of performance').max(50, 'at most 50 items');

export const PaymentReference = singleLine(128);

export const MdfFundAllocated = defineEvent(
  'MdfFundAllocated',
  z.object({ fundId: FundId, partnerId: PartnerId, period: Period, amount: Money, expiresAt: Instant }),
);
export const MdfRequestSubmitted = defineEvent(
  'MdfRequestSubmitted',
  z.object({
    requestId: RequestId,
    activity: MdfActivity,
    description: Reason,
    amount: Money,
    /** The day the activity takes place (or ends): the claim deadline counts from it. */
    activityDate: IsoDate,
    submittedBy: Submitter,
  }),
);
export const MdfRequestApproved = defineEvent(
  'MdfRequestApproved',
  z.object({
    requestId: RequestId,
    approvedAmount: Money,
    /** Last instant a claim may be submitted: `mdfClaimDays` after the activity, never after the fund expires. */
    claimDeadline: Instant,
  }),
);
export const MdfRequestRejected = defineEvent('MdfRequestRejected', z.object({ requestId: RequestId, reason: Reason }));
export const MdfClaimSubmitted = defineEvent(
  'MdfClaimSubmitted',
  z.object({ claimId: ClaimId, requestId: RequestId, amount: Money, proof: Proof, submittedBy: Submitter }),
);
export const MdfClaimApproved = defineEvent('MdfClaimApproved', z.object({ claimId: ClaimId, approvedAmount: Money }));
export const MdfClaimRejected = defineEvent('MdfClaimRejected', z.object({ claimId: ClaimId, reason: Reason }));
export const MdfClaimPaid = defineEvent(
  'MdfClaimPaid',
  z.object({ claimId: ClaimId, paymentReference: PaymentReference }),
);
export const MdfFundClosed = defineEvent('MdfFundClosed', z.object({ reason: Reason.optional() }));

export const mdfEvents = [
  MdfFundAllocated,
  MdfRequestSubmitted,
  MdfRequestApproved,
  MdfRequestRejected,
  MdfClaimSubmitted,
  MdfClaimApproved,
  MdfClaimRejected,
  MdfClaimPaid,
  MdfFundClosed,
] as const;
export type MdfEvent = EventOf<typeof mdfEvents>;

/** Reservation of a (partner, period) pair, on stream `fund-<partnerId>:<period>`: one fund per pair. */
export const MdfFundReserved = defineEvent(
  'MdfFundReserved',
  z.object({ fundId: FundId, partnerId: PartnerId, period: Period }),
);
export const fundReservationEvents = [MdfFundReserved] as const;
