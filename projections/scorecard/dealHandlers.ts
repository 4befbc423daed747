import type { StoredEvent } from '../../eventstore/port.js';
import { sqlText } from '../../infra/sql/tableStatements.js';
import { t } from '../readModels/database.js';
import type { ReadModelDb } from '../readModels/readModelDb.js';
import type { EnvelopeHandler, Handlers } from '../runner/projection.js';
import { idOfStream } from '../streamIds.js';
import { addWin, bump, nextPeriods, periodAt, recordApproval } from './periodRows.js';

const dealOf = (db: ReadModelDb, e: StoredEvent) =>
  db.selectOne('scorecard_deals', ['partner_id', 'registered_at'], { deal_id: idOfStream(e.streamId) });

/** An outcome counted in the period it was recorded in (rejections, withdrawals, losses, expiries). */
const outcome =
  (column: 'deals_rejected' | 'deals_withdrawn' | 'deals_lost' | 'deals_expired'): EnvelopeHandler =>
  async (db, e) => {
    const deal = await dealOf(db, e);
    if (deal) await bump(db, deal.partner_id, periodAt(e.recordedAt), column);
  };

const { scorecard_partners: sp } = t;
/** The earliest closing date of a win: wins may be recorded out of closing order. */
const FIRST_WIN = sqlText(
  `UPDATE ${sp.$} SET ${sp.first_win_at} = ?
   WHERE ${sp.partner_id} = ? AND (${sp.first_win_at} IS NULL OR ${sp.first_win_at} > ?)`,
);

/**
 * Deal registration figures per partner and period: registrations and collisions in the period of
 * registration, approvals (and the median time to approval) in the period of approval, wins and won
 * revenue in the period of the customer's closing date, other outcomes when recorded.
 */
export const dealHandlers: Handlers = {
  DealRegistered: async (db, e) => {
    const { dealId, partnerId, registeredAt } = e.data;
    await db.insert('scorecard_deals', { deal_id: dealId, partner_id: partnerId, registered_at: registeredAt });
    await bump(db, partnerId, periodAt(registeredAt), 'deals_registered');
    await db.update(
      'scorecard_partners',
      { partner_id: partnerId, first_deal_at: null },
      { set: { first_deal_at: registeredAt } },
    );
  },
  DealConflictDetected: async (db, e) => {
    const deal = await dealOf(db, e);
    if (deal) await bump(db, deal.partner_id, periodAt(deal.registered_at), 'deals_conflicted');
  },
  DealApproved: async (db, e) => {
    const deal = await dealOf(db, e);
    if (!deal) return;
    const period = periodAt(e.recordedAt);
    const seconds = Math.round((Date.parse(e.recordedAt) - Date.parse(deal.registered_at)) / 1000);
    await db.update(
      'scorecard_deals',
      { deal_id: idOfStream(e.streamId) },
      { set: { approved_period: period, approval_seconds: seconds } },
    );
    await recordApproval(db, deal.partner_id, period);
  },
  DealRejected: outcome('deals_rejected'),
  DealWithdrawn: outcome('deals_withdrawn'),
  DealLost: outcome('deals_lost'),
  DealExpired: outcome('deals_expired'),
  DealWon: async (db, e) => {
    const deal = await dealOf(db, e);
    if (!deal) return;
    const closedAt = new Date(e.data.closedAt).toISOString();
    const period = periodAt(closedAt);
    const { amountMinor, currency } = e.data.amount;
    const partnerId = deal.partner_id;
    await db.upsert(
      'scorecard_revenue',
      { partner_id: partnerId, period, currency, won_minor: amountMinor, deals_won: 1 },
      { add: ['won_minor', 'deals_won'] },
    );
    await db.upsert(
      'scorecard_channel_revenue',
      { period, currency, won_minor: amountMinor, deals_won: 1 },
      { add: ['won_minor', 'deals_won'] },
    );
    for (const window of [period, ...nextPeriods(period, 3)])
      await db.upsert(
        'scorecard_trailing_revenue',
        { partner_id: partnerId, period: window, currency, won_minor: amountMinor },
        { add: ['won_minor'] },
      );
    await addWin(db, partnerId, period, currency, amountMinor);
    await db.execute(FIRST_WIN, [closedAt, partnerId, closedAt]);
  },
};
