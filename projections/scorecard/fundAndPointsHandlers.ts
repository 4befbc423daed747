import type { StoredEvent } from '../../eventstore/port.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import { idOfStream } from '../streamIds.js';
import { bump } from './periodRows.js';

type E<D> = StoredEvent<D>;
type Handler = (db: SqlDb, event: StoredEvent<never>) => Promise<void>;
type Money = { amountMinor: number; currency: string };

const fundOf = (db: SqlDb, fundId: string) =>
  db.get<{ partner_id: string; period: string }>('SELECT partner_id, period FROM scorecard_funds WHERE fund_id = ?', [fundId]);

const points = (sign: 1 | -1): Handler => async (db, e: E<{ points: number }>) =>
  void (await db.run('UPDATE scorecard_partners SET points_balance = points_balance + ? WHERE partner_id = ?', [
    sign * e.data.points, idOfStream(e.streamId),
  ]));

/**
 * MDF per partner and fund period (allocated, approved requests, paid claims) and each partner's
 * points balance (earned and positive adjustments in, redemptions, debits and expiry out).
 */
export const fundAndPointsHandlers: Record<string, Handler> = {
  MdfFundAllocated: async (db, e: E<{ fundId: string; partnerId: string; period: string; amount: Money }>) => {
    const { fundId, partnerId, period, amount } = e.data;
    await db.run('INSERT INTO scorecard_funds (fund_id, partner_id, period) VALUES (?, ?, ?)', [fundId, partnerId, period]);
    await db.run(
      `INSERT INTO scorecard_periods (partner_id, period, mdf_currency, mdf_allocated_minor) VALUES (?, ?, ?, ?)
       ON CONFLICT (partner_id, period) DO UPDATE SET mdf_currency = excluded.mdf_currency,
         mdf_allocated_minor = scorecard_periods.mdf_allocated_minor + excluded.mdf_allocated_minor`,
      [partnerId, period, amount.currency, amount.amountMinor],
    );
  },
  MdfRequestApproved: async (db, e: E<{ approvedAmount: Money }>) => {
    const fund = await fundOf(db, idOfStream(e.streamId));
    if (fund) await bump(db, fund.partner_id, fund.period, 'mdf_approved_minor', e.data.approvedAmount.amountMinor);
  },
  MdfClaimApproved: async (db, e: E<{ claimId: string; approvedAmount: Money }>) =>
    void (await db.run(
      `INSERT INTO scorecard_mdf_claims (claim_id, fund_id, approved_minor) VALUES (?, ?, ?)
       ON CONFLICT (claim_id) DO UPDATE SET approved_minor = excluded.approved_minor`,
      [e.data.claimId, idOfStream(e.streamId), e.data.approvedAmount.amountMinor],
    )),
  MdfClaimPaid: async (db, e: E<{ claimId: string }>) => {
    const claim = await db.get<{ fund_id: string; approved_minor: number }>('SELECT fund_id, approved_minor FROM scorecard_mdf_claims WHERE claim_id = ?', [
      e.data.claimId,
    ]);
    const fund = claim ? await fundOf(db, claim.fund_id) : undefined;
    if (claim && fund) await bump(db, fund.partner_id, fund.period, 'mdf_paid_minor', Number(claim.approved_minor));
  },
  PointsEarned: points(1),
  PointsAdjusted: points(1),
  PointsRedeemed: points(-1),
  PointsExpired: points(-1),
};
