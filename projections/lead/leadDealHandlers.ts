import type { StoredEvent } from '../../eventstore/port.js';
import type { Handlers } from '../runner/projection.js';
import type { ReadModelDb } from '../readModels/readModelDb.js';
import { idOfStream } from '../streamIds.js';
import { countLead } from './leadTotals.js';

/** Copies the deal's new status onto the lead it converted (no row changes for deals of no lead). */
const dealStatus = (db: ReadModelDb, e: StoredEvent, status: string) =>
  db.update('leads', { deal_id: idOfStream(e.streamId) }, { set: { deal_status: status } });

const leadOf = (db: ReadModelDb, e: StoredEvent) =>
  db.selectOne('leads', ['lead_id', 'region', 'partner_id'], { deal_id: idOfStream(e.streamId) });

/** The loop a lead's deal closes: its decisions and outcome, and wins and losses counted per period. */
export const dealHandlers: Handlers = {
  DealApproved: (db, e) => dealStatus(db, e, 'approved'),
  DealRejected: (db, e) => dealStatus(db, e, 'rejected'),
  DealWithdrawn: (db, e) => dealStatus(db, e, 'withdrawn'),
  DealExpired: (db, e) => dealStatus(db, e, 'expired'),
  DealWon: async (db, e) => {
    const lead = await leadOf(db, e);
    if (!lead) return;
    await db.update(
      'leads',
      { lead_id: lead.lead_id },
      {
        set: {
          deal_status: 'won',
          won_at: e.data.closedAt,
          won_amount_minor: e.data.amount.amountMinor,
          won_currency: e.data.amount.currency,
        },
      },
    );
    // Wins count in the period of the customer's closing date, as on the scorecard.
    await countLead(db, e.data.closedAt, lead.region, lead.partner_id ?? '', 'won');
  },
  DealLost: async (db, e) => {
    const lead = await leadOf(db, e);
    if (!lead) return;
    await db.update('leads', { lead_id: lead.lead_id }, { set: { deal_status: 'lost' } });
    await countLead(db, e.recordedAt, lead.region, lead.partner_id ?? '', 'lost');
  },
};
