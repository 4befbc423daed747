import type { StoredEvent } from '../../eventstore/port.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import { idOfStream } from '../streamIds.js';
import { addWin, bump, nextPeriods, periodAt, recordApproval } from './periodRows.js';

type E<D> = StoredEvent<D>;
type Handler = (db: SqlDb, event: StoredEvent<never>) => Promise<void>;

const dealOf = (db: SqlDb, e: StoredEvent) =>
  db.get<{ partner_id: string; registered_at: string }>('SELECT partner_id, registered_at FROM scorecard_deals WHERE deal_id = ?', [
    idOfStream(e.streamId),
  ]);

/** An outcome counted in the period it was recorded in (rejections, withdrawals, losses, expiries). */
const outcome = (column: 'deals_rejected' | 'deals_withdrawn' | 'deals_lost' | 'deals_expired'): Handler => async (db, e) => {
  const deal = await dealOf(db, e);
  if (deal) await bump(db, deal.partner_id, periodAt(e.recordedAt), column);
};

/**
 * Deal registration figures per partner and period: registrations and collisions in the period of
 * registration, approvals (and the median time to approval) in the period of approval, wins and won
 * revenue in the period of the customer's closing date, other outcomes when recorded.
 */
export const dealHandlers: Record<string, Handler> = {
  DealRegistered: async (db, e: E<{ dealId: string; partnerId: string; registeredAt: string }>) => {
    const { dealId, partnerId, registeredAt } = e.data;
    await db.run('INSERT INTO scorecard_deals (deal_id, partner_id, registered_at) VALUES (?, ?, ?)', [dealId, partnerId, registeredAt]);
    await bump(db, partnerId, periodAt(registeredAt), 'deals_registered');
    await db.run('UPDATE scorecard_partners SET first_deal_at = ? WHERE partner_id = ? AND first_deal_at IS NULL', [registeredAt, partnerId]);
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
    await db.run('UPDATE scorecard_deals SET approved_period = ?, approval_seconds = ? WHERE deal_id = ?', [period, seconds, idOfStream(e.streamId)]);
    await recordApproval(db, deal.partner_id, period);
  },
  DealRejected: outcome('deals_rejected'),
  DealWithdrawn: outcome('deals_withdrawn'),
  DealLost: outcome('deals_lost'),
  DealExpired: outcome('deals_expired'),
  DealWon: async (db, e: E<{ amount: { amountMinor: number; currency: string }; closedAt: string }>) => {
    const deal = await dealOf(db, e);
    if (!deal) return;
    const closedAt = new Date(e.data.closedAt).toISOString();
    const period = periodAt(closedAt);
    const { amountMinor, currency } = e.data.amount;
    await db.run(
      `INSERT INTO scorecard_revenue (partner_id, period, currency, won_minor, deals_won) VALUES (?, ?, ?, ?, 1)
       ON CONFLICT (partner_id, period, currency) DO UPDATE SET won_minor = scorecard_revenue.won_minor + excluded.won_minor,
         deals_won = scorecard_revenue.deals_won + 1`,
      [deal.partner_id, period, currency, amountMinor],
    );
    await db.run(
      `INSERT INTO scorecard_channel_revenue (period, currency, won_minor, deals_won) VALUES (?, ?, ?, 1)
       ON CONFLICT (period, currency) DO UPDATE SET won_minor = scorecard_channel_revenue.won_minor + excluded.won_minor,
         deals_won = scorecard_channel_revenue.deals_won + 1`,
      [period, currency, amountMinor],
    );
    for (const window of [period, ...nextPeriods(period, 3)])
      await db.run(
        `INSERT INTO scorecard_trailing_revenue (partner_id, period, currency, won_minor) VALUES (?, ?, ?, ?)
         ON CONFLICT (partner_id, period, currency) DO UPDATE SET won_minor = scorecard_trailing_revenue.won_minor + excluded.won_minor`,
        [deal.partner_id, window, currency, amountMinor],
      );
    await addWin(db, deal.partner_id, period, currency, amountMinor);
    await db.run('UPDATE scorecard_partners SET first_win_at = ? WHERE partner_id = ? AND (first_win_at IS NULL OR first_win_at > ?)', [
      closedAt, deal.partner_id, closedAt,
    ]);
  },
};
