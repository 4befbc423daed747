import type { Database } from '../../projections/readModels/database.js';

const money = (amountMinor: number | null, currency: string) =>
  amountMinor === null ? null : { amountMinor: Number(amountMinor), currency };

/** open, expired (no new requests, decisions or claims; approved claims may still be paid) or closed. */
export const fundStatus = (
  row: Pick<Database['mdf_funds'], 'status' | 'expires_at'>,
  now: Date,
): 'open' | 'expired' | 'closed' =>
  row.status === 'closed' ? 'closed' : Date.parse(row.expires_at) <= now.getTime() ? 'expired' : 'open';

export const fundView = (r: Database['mdf_funds'], now: Date) => ({
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
    allocated: money(r.allocated_minor, r.currency),
    committed: money(r.committed_minor, r.currency),
    claimed: money(r.claimed_minor, r.currency),
    paid: money(r.paid_minor, r.currency),
    available: money(r.available_minor, r.currency),
  },
  version: Number(r.version),
});

export const requestView = (r: Database['mdf_requests']) => ({
  id: r.request_id,
  activity: r.activity,
  description: r.description,
  activityDate: r.activity_date,
  amount: money(r.amount_minor, r.currency),
  approvedAmount: money(r.approved_minor, r.currency),
  status: r.status,
  claimDeadline: r.claim_deadline,
  rejectReason: r.reject_reason,
  submittedBy: r.submitted_by,
  submittedAt: r.submitted_at,
  decidedAt: r.decided_at,
  settledAt: r.settled_at,
});

export const claimView = (r: Database['mdf_claims']) => ({
  id: r.claim_id,
  requestId: r.request_id,
  amount: money(r.amount_minor, r.currency),
  approvedAmount: money(r.approved_minor, r.currency),
  status: r.status,
  proof: JSON.parse(r.proof) as unknown,
  submittedBy: r.submitted_by,
  submittedAt: r.submitted_at,
  decidedAt: r.decided_at,
  rejectReason: r.reject_reason,
  paymentReference: r.payment_reference,
  paidAt: r.paid_at,
});
