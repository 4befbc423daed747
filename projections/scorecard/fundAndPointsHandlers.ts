import type { StoredEvent } from '../../eventstore/port.js';
import type { ReadModelDb } from '../readModels/readModelDb.js';
import type { Handlers } from '../runner/projection.js';
import { idOfStream } from '../streamIds.js';
import { bump } from './periodRows.js';

const fundOf = (db: ReadModelDb, fundId: string) =>
  db.selectOne('scorecard_funds', ['partner_id', 'period'], { fund_id: fundId });

const points = (sign: 1 | -1) => (db: ReadModelDb, e: StoredEvent<{ readonly points: number }>) =>
  db.update(
    'scorecard_partners',
    { partner_id: idOfStream(e.streamId) },
    { add: { points_balance: sign * e.data.points } },
  );

/**
 * MDF per partner and fund period (allocated, approved requests, paid claims) and each partner's
 * points balance (earned and positive adjustments in, redemptions, debits and expiry out).
 */
export const fundAndPointsHandlers: Handlers = {
  MdfFundAllocated: async (db, e) => {
    const { fundId, partnerId, period, amount } = e.data;
    await db.insert('scorecard_funds', { fund_id: fundId, partner_id: partnerId, period });
    await db.upsert(
      'scorecard_periods',
      { partner_id: partnerId, period, mdf_currency: amount.currency, mdf_allocated_minor: amount.amountMinor },
      {
        set: ['mdf_currency'],
        add: ['mdf_allocated_minor'],
      },
    );
  },
  MdfRequestApproved: async (db, e) => {
    const fund = await fundOf(db, idOfStream(e.streamId));
    if (fund) await bump(db, fund.partner_id, fund.period, 'mdf_approved_minor', e.data.approvedAmount.amountMinor);
  },
  MdfClaimApproved: (db, e) =>
    db.upsert(
      'scorecard_mdf_claims',
      { claim_id: e.data.claimId, fund_id: idOfStream(e.streamId), approved_minor: e.data.approvedAmount.amountMinor },
      {
        set: ['approved_minor'],
      },
    ),
  MdfClaimPaid: async (db, e) => {
    const claim = await db.selectOne('scorecard_mdf_claims', ['fund_id', 'approved_minor'], {
      claim_id: e.data.claimId,
    });
    const fund = claim ? await fundOf(db, claim.fund_id) : undefined;
    if (claim && fund) await bump(db, fund.partner_id, fund.period, 'mdf_paid_minor', Number(claim.approved_minor));
  },
  PointsEarned: points(1),
  PointsAdjusted: points(1),
  PointsRedeemed: points(-1),
  PointsExpired: points(-1),
};
