import type { Money } from '../../domain/shared/index.js';
import type { StoredEvent } from '../../eventstore/port.js';
import { defineProjection } from '../runner/projection.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import { idOfStream } from '../streamIds.js';

type E<D> = StoredEvent<D>;
interface Deltas { committed?: number; claimed?: number; paid?: number }

/** Moves a fund's balances (available = allocated - committed - paid) and its version. */
const touchFund = (db: SqlDb, e: StoredEvent, d: Deltas = {}) => {
  const committed = d.committed ?? 0;
  const paid = d.paid ?? 0;
  return db.run(
    `UPDATE mdf_funds SET committed_minor = committed_minor + ?, claimed_minor = claimed_minor + ?, paid_minor = paid_minor + ?,
       available_minor = allocated_minor - (committed_minor + ?) - (paid_minor + ?), version = ?, updated_at = ?
     WHERE fund_id = ?`,
    [committed, d.claimed ?? 0, paid, committed, paid, e.version, e.recordedAt, idOfStream(e.streamId)],
  );
};
const partnerOf = async (db: SqlDb, e: StoredEvent) =>
  (await db.get<{ partner_id: string; currency: string }>('SELECT partner_id, currency FROM mdf_funds WHERE fund_id = ?', [idOfStream(e.streamId)])) ?? {
    partner_id: '', currency: '',
  };
const claimOf = (db: SqlDb, claimId: string) =>
  db.get<{ request_id: string; amount_minor: number; approved_minor: number | null }>(
    'SELECT request_id, amount_minor, approved_minor FROM mdf_claims WHERE claim_id = ?', [claimId],
  );

/** Funds with requests, claims and balances (DESIGN §5 mdf). */
export const mdfProjection = defineProjection({
  name: 'mdf',
  tables: ['mdf_claims', 'mdf_requests', 'mdf_funds'],
  handlers: {
    MdfFundAllocated: async (db, e: E<{ fundId: string; partnerId: string; period: string; amount: Money; expiresAt: string }>) =>
      void (await db.run(
        `INSERT INTO mdf_funds (fund_id, partner_id, period, currency, allocated_minor, available_minor, status, expires_at, allocated_at, version, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)`,
        [e.data.fundId, e.data.partnerId, e.data.period, e.data.amount.currency, e.data.amount.amountMinor, e.data.amount.amountMinor,
          new Date(e.data.expiresAt).toISOString(), e.recordedAt, e.version, e.recordedAt],
      )),
    MdfRequestSubmitted: async (db, e: E<{ requestId: string; activity: string; description: string; amount: Money; activityDate: string; submittedBy: string }>) => {
      const fund = await partnerOf(db, e);
      await db.run(
        `INSERT INTO mdf_requests (request_id, fund_id, partner_id, activity, description, activity_date, currency, amount_minor, status, submitted_by, submitted_at, submitted_position)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'submitted', ?, ?, ?)`,
        [e.data.requestId, idOfStream(e.streamId), fund.partner_id, e.data.activity, e.data.description, e.data.activityDate,
          e.data.amount.currency, e.data.amount.amountMinor, e.data.submittedBy, e.recordedAt, e.position],
      );
      await touchFund(db, e);
    },
    MdfRequestApproved: async (db, e: E<{ requestId: string; approvedAmount: Money; claimDeadline: string }>) => {
      await db.run(`UPDATE mdf_requests SET status = 'approved', approved_minor = ?, claim_deadline = ?, decided_at = ? WHERE request_id = ?`, [
        e.data.approvedAmount.amountMinor, new Date(e.data.claimDeadline).toISOString(), e.recordedAt, e.data.requestId,
      ]);
      await touchFund(db, e, { committed: e.data.approvedAmount.amountMinor });
    },
    MdfRequestRejected: async (db, e: E<{ requestId: string; reason: string }>) => {
      await db.run(`UPDATE mdf_requests SET status = 'rejected', reject_reason = ?, decided_at = ? WHERE request_id = ?`, [
        e.data.reason, e.recordedAt, e.data.requestId,
      ]);
      await touchFund(db, e);
    },
    MdfClaimSubmitted: async (db, e: E<{ claimId: string; requestId: string; amount: Money; proof: unknown[]; submittedBy: string }>) => {
      const fund = await partnerOf(db, e);
      await db.run(
        `INSERT INTO mdf_claims (claim_id, fund_id, request_id, partner_id, currency, amount_minor, status, proof, submitted_by, submitted_at, submitted_position)
         VALUES (?, ?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?)`,
        [e.data.claimId, idOfStream(e.streamId), e.data.requestId, fund.partner_id, e.data.amount.currency, e.data.amount.amountMinor,
          JSON.stringify(e.data.proof), e.data.submittedBy, e.recordedAt, e.position],
      );
      await touchFund(db, e, { claimed: e.data.amount.amountMinor });
    },
    MdfClaimApproved: async (db, e: E<{ claimId: string; approvedAmount: Money }>) => {
      await db.run(`UPDATE mdf_claims SET status = 'approved', approved_minor = ?, decided_at = ? WHERE claim_id = ?`, [
        e.data.approvedAmount.amountMinor, e.recordedAt, e.data.claimId,
      ]);
      await touchFund(db, e);
    },
    MdfClaimRejected: async (db, e: E<{ claimId: string; reason: string }>) => {
      const claim = await claimOf(db, e.data.claimId);
      await db.run(`UPDATE mdf_claims SET status = 'rejected', reject_reason = ?, decided_at = ? WHERE claim_id = ?`, [
        e.data.reason, e.recordedAt, e.data.claimId,
      ]);
      await touchFund(db, e, { claimed: -(claim?.amount_minor ?? 0) });
    },
    MdfClaimPaid: async (db, e: E<{ claimId: string; paymentReference: string }>) => {
      const claim = await claimOf(db, e.data.claimId);
      const request = claim
        ? await db.get<{ approved_minor: number | null }>('SELECT approved_minor FROM mdf_requests WHERE request_id = ?', [claim.request_id])
        : undefined;
      await db.run(`UPDATE mdf_claims SET status = 'paid', payment_reference = ?, paid_at = ? WHERE claim_id = ?`, [
        e.data.paymentReference, e.recordedAt, e.data.claimId,
      ]);
      if (claim) await db.run('UPDATE mdf_requests SET settled_at = ? WHERE request_id = ?', [e.recordedAt, claim.request_id]);
      await touchFund(db, e, { committed: -Number(request?.approved_minor ?? 0), paid: Number(claim?.approved_minor ?? 0) });
    },
    MdfFundClosed: async (db, e: E<{ reason?: string }>) => {
      await db.run(`UPDATE mdf_funds SET status = 'closed', closed_at = ?, close_reason = ? WHERE fund_id = ?`, [
        e.recordedAt, e.data.reason ?? null, idOfStream(e.streamId),
      ]);
      await touchFund(db, e);
    },
  },
});
