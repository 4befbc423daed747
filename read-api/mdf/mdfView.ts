import { z } from 'zod';
import { MdfActivity, ProofItem, Submitter } from '../../domain/mdf/index.js';
import { ClaimId, FundId, PartnerId, Period, RequestId } from '../../domain/shared/index.js';
import { CurrencyOut, DateOut, InstantOut, MoneyOut, named, pageOf } from '../../http/contract.js';
import type { Database } from '../../projections/readModels/database.js';

const FundStatus = z.enum(['open', 'expired', 'closed']);
const fundFields = {
  id: FundId,
  partnerId: PartnerId,
  period: Period,
  currency: CurrencyOut,
  status: FundStatus,
  expiresAt: InstantOut,
  allocatedAt: InstantOut,
  closedAt: InstantOut.nullable(),
  closeReason: z.string().nullable(),
  balances: z.object({
    allocated: MoneyOut,
    committed: MoneyOut,
    claimed: MoneyOut,
    paid: MoneyOut,
    available: MoneyOut,
  }),
  version: z.number().int(),
};
/** An MDF fund with its balances. */
export const FundOut = named('Fund', z.object(fundFields));
export const FundPage = pageOf('FundPage', FundOut);
export const MdfRequestOut = named(
  'MdfRequest',
  z.object({
    id: RequestId,
    activity: MdfActivity,
    description: z.string(),
    activityDate: DateOut,
    amount: MoneyOut,
    approvedAmount: MoneyOut.nullable(),
    status: z.enum(['submitted', 'approved', 'rejected', 'closed']),
    claimDeadline: InstantOut.nullable(),
    rejectReason: z.string().nullable(),
    submittedBy: Submitter,
    submittedAt: InstantOut,
    decidedAt: InstantOut.nullable(),
    settledAt: InstantOut.nullable(),
  }),
);
export const MdfClaimOut = named(
  'MdfClaim',
  z.object({
    id: ClaimId,
    requestId: RequestId,
    amount: MoneyOut,
    approvedAmount: MoneyOut.nullable(),
    status: z.enum(['submitted', 'approved', 'rejected', 'paid']),
    proof: z.array(ProofItem),
    submittedBy: Submitter,
    submittedAt: InstantOut,
    decidedAt: InstantOut.nullable(),
    rejectReason: z.string().nullable(),
    paymentReference: z.string().nullable(),
    paidAt: InstantOut.nullable(),
  }),
);
/** One fund with its requests and claims. */
export const FundDetailOut = named(
  'FundDetail',
  z.object({ ...fundFields, requests: z.array(MdfRequestOut), claims: z.array(MdfClaimOut) }),
);

const amount = (amountMinor: number, currency: string) => ({ amountMinor: Number(amountMinor), currency });
const money = (amountMinor: number | null, currency: string) =>
  amountMinor === null ? null : amount(amountMinor, currency);

/** open, expired (no new requests, decisions or claims; approved claims may still be paid) or closed. */
export const fundStatus = (
  row: Pick<Database['mdf_funds'], 'status' | 'expires_at'>,
  now: Date,
): 'open' | 'expired' | 'closed' =>
  row.status === 'closed' ? 'closed' : Date.parse(row.expires_at) <= now.getTime() ? 'expired' : 'open';

export const fundView = (r: Database['mdf_funds'], now: Date): z.input<typeof FundOut> => ({
  id: r.fund_id,
  partnerId: r.partner_id,
  period: r.period,
  currency: r.currency,
  status: fundStatus(r, now),
  expiresAt: r.expires_at,
  allocatedAt: r.allocated_at,
  closedAt: r.closed_at,
  closeReason: r.close_reason,
  balances: {
    allocated: amount(r.allocated_minor, r.currency),
    committed: amount(r.committed_minor, r.currency),
    claimed: amount(r.claimed_minor, r.currency),
    paid: amount(r.paid_minor, r.currency),
    available: amount(r.available_minor, r.currency),
  },
  version: Number(r.version),
});

export const requestView = (r: Database['mdf_requests']): z.input<typeof MdfRequestOut> => ({
  id: r.request_id,
  activity: r.activity as MdfActivity,
  description: r.description,
  activityDate: r.activity_date,
  amount: amount(r.amount_minor, r.currency),
  approvedAmount: money(r.approved_minor, r.currency),
  status: r.status as z.infer<typeof MdfRequestOut>['status'],
  claimDeadline: r.claim_deadline,
  rejectReason: r.reject_reason,
  submittedBy: r.submitted_by,
  submittedAt: r.submitted_at,
  decidedAt: r.decided_at,
  settledAt: r.settled_at,
});

export const claimView = (r: Database['mdf_claims']): z.input<typeof MdfClaimOut> => ({
  id: r.claim_id,
  requestId: r.request_id,
  amount: amount(r.amount_minor, r.currency),
  approvedAmount: money(r.approved_minor, r.currency),
  status: r.status as z.infer<typeof MdfClaimOut>['status'],
  proof: JSON.parse(r.proof) as ProofItem[],
  submittedBy: r.submitted_by,
  submittedAt: r.submitted_at,
  decidedAt: r.decided_at,
  rejectReason: r.reject_reason,
  paymentReference: r.payment_reference,
  paidAt: r.paid_at,
});
