import type { StoredEvent } from '../../eventstore/port.js';
import type { ReadModelDb } from '../readModels/readModelDb.js';
import { defineProjection } from '../runner/projection.js';
import { idOfStream } from '../streamIds.js';

interface Deltas {
  committed?: number;
  claimed?: number;
  paid?: number;
}

/** Moves a fund's balances (available = allocated - committed - paid, so it moves against both) and its version. */
const touchFund = (db: ReadModelDb, e: StoredEvent, d: Deltas = {}) => {
  const committed = d.committed ?? 0;
  const paid = d.paid ?? 0;
  return db.update(
    'mdf_funds',
    { fund_id: idOfStream(e.streamId) },
    {
      set: { version: e.version, updated_at: e.recordedAt },
      add: {
        committed_minor: committed,
        claimed_minor: d.claimed ?? 0,
        paid_minor: paid,
        available_minor: 0 - committed - paid,
      },
    },
  );
};
const partnerOf = async (db: ReadModelDb, e: StoredEvent) =>
  (await db.selectOne('mdf_funds', ['partner_id', 'currency'], { fund_id: idOfStream(e.streamId) })) ?? {
    partner_id: '',
    currency: '',
  };
const claimOf = (db: ReadModelDb, claimId: string) =>
  db.selectOne('mdf_claims', ['request_id', 'amount_minor', 'approved_minor'], { claim_id: claimId });

/** Funds with requests, claims and balances (DESIGN §5 mdf). */
export const mdfProjection = defineProjection({
  name: 'mdf',
  tables: ['mdf_claims', 'mdf_requests', 'mdf_funds'],
  handlers: {
    MdfFundAllocated: (db, e) =>
      db.insert('mdf_funds', {
        fund_id: e.data.fundId,
        partner_id: e.data.partnerId,
        period: e.data.period,
        currency: e.data.amount.currency,
        allocated_minor: e.data.amount.amountMinor,
        available_minor: e.data.amount.amountMinor,
        status: 'open',
        expires_at: new Date(e.data.expiresAt).toISOString(),
        allocated_at: e.recordedAt,
        version: e.version,
        updated_at: e.recordedAt,
      }),
    MdfRequestSubmitted: async (db, e) => {
      const fund = await partnerOf(db, e);
      await db.insert('mdf_requests', {
        request_id: e.data.requestId,
        fund_id: idOfStream(e.streamId),
        partner_id: fund.partner_id,
        activity: e.data.activity,
        description: e.data.description,
        activity_date: e.data.activityDate,
        currency: e.data.amount.currency,
        amount_minor: e.data.amount.amountMinor,
        status: 'submitted',
        submitted_by: e.data.submittedBy,
        submitted_at: e.recordedAt,
        submitted_position: e.position,
      });
      await touchFund(db, e);
    },
    MdfRequestApproved: async (db, e) => {
      await db.update(
        'mdf_requests',
        { request_id: e.data.requestId },
        {
          set: {
            status: 'approved',
            approved_minor: e.data.approvedAmount.amountMinor,
            claim_deadline: new Date(e.data.claimDeadline).toISOString(),
            decided_at: e.recordedAt,
          },
        },
      );
      await touchFund(db, e, { committed: e.data.approvedAmount.amountMinor });
    },
    MdfRequestRejected: async (db, e) => {
      await db.update(
        'mdf_requests',
        { request_id: e.data.requestId },
        { set: { status: 'rejected', reject_reason: e.data.reason, decided_at: e.recordedAt } },
      );
      await touchFund(db, e);
    },
    MdfClaimSubmitted: async (db, e) => {
      const fund = await partnerOf(db, e);
      await db.insert('mdf_claims', {
        claim_id: e.data.claimId,
        fund_id: idOfStream(e.streamId),
        request_id: e.data.requestId,
        partner_id: fund.partner_id,
        currency: e.data.amount.currency,
        amount_minor: e.data.amount.amountMinor,
        status: 'submitted',
        proof: JSON.stringify(e.data.proof),
        submitted_by: e.data.submittedBy,
        submitted_at: e.recordedAt,
        submitted_position: e.position,
      });
      await touchFund(db, e, { claimed: e.data.amount.amountMinor });
    },
    MdfClaimApproved: async (db, e) => {
      await db.update(
        'mdf_claims',
        { claim_id: e.data.claimId },
        {
          set: { status: 'approved', approved_minor: e.data.approvedAmount.amountMinor, decided_at: e.recordedAt },
        },
      );
      await touchFund(db, e);
    },
    MdfClaimRejected: async (db, e) => {
      const claim = await claimOf(db, e.data.claimId);
      await db.update(
        'mdf_claims',
        { claim_id: e.data.claimId },
        { set: { status: 'rejected', reject_reason: e.data.reason, decided_at: e.recordedAt } },
      );
      await touchFund(db, e, { claimed: 0 - (claim?.amount_minor ?? 0) });
    },
    MdfClaimPaid: async (db, e) => {
      const claim = await claimOf(db, e.data.claimId);
      const request = claim
        ? await db.selectOne('mdf_requests', ['approved_minor'], { request_id: claim.request_id })
        : undefined;
      await db.update(
        'mdf_claims',
        { claim_id: e.data.claimId },
        { set: { status: 'paid', payment_reference: e.data.paymentReference, paid_at: e.recordedAt } },
      );
      if (claim)
        await db.update('mdf_requests', { request_id: claim.request_id }, { set: { settled_at: e.recordedAt } });
      await touchFund(db, e, {
        committed: 0 - Number(request?.approved_minor ?? 0),
        paid: Number(claim?.approved_minor ?? 0),
      });
    },
    MdfFundClosed: async (db, e) => {
      await db.update(
        'mdf_funds',
        { fund_id: idOfStream(e.streamId) },
        { set: { status: 'closed', closed_at: e.recordedAt, close_reason: e.data.reason ?? null } },
      );
      await touchFund(db, e);
    },
  },
});
