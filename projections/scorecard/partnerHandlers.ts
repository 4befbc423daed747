import type { StoredEvent } from '../../eventstore/port.js';
import type { Database } from '../readModels/database.js';
import type { ReadModelDb } from '../readModels/readModelDb.js';
import type { Handlers } from '../runner/projection.js';
import { idOfStream } from '../streamIds.js';
import { refreshRevenue } from './periodRows.js';

type Partner = Partial<Database['scorecard_partners']>;

const set = (db: ReadModelDb, e: StoredEvent, columns: Partner) =>
  db.update(
    'scorecard_partners',
    { partner_id: idOfStream(e.streamId) },
    { set: { updated_at: e.recordedAt, ...columns } },
  );

/**
 * A status change: the current status, and a history row so that channel health can ask "active at a
 * period's end?".
 */
const status = async (db: ReadModelDb, e: StoredEvent, to: string, extra: Partner = {}) => {
  await set(db, e, { status: to, status_changed_at: e.recordedAt, ...extra });
  await history(db, idOfStream(e.streamId), e, to);
};
const history = async (db: ReadModelDb, partnerId: string, e: StoredEvent, to: string) => {
  await db.update(
    'scorecard_partner_status',
    { partner_id: partnerId, next_changed_at: null },
    { set: { next_changed_at: e.recordedAt } },
  );
  await db.insert('scorecard_partner_status', {
    partner_id: partnerId,
    position: e.position,
    changed_at: e.recordedAt,
    status: to,
  });
};

/** The scorecards' own copy of the partner facts they need (never read from the partners projection). */
export const partnerHandlers: Handlers = {
  PartnerApplied: async (db, e) => {
    const d = e.data;
    await db.insert('scorecard_partners', {
      partner_id: d.partnerId,
      name: d.name,
      country: d.country,
      region: d.region,
      type: d.type,
      parent_partner_id: d.parentPartnerId ?? null,
      status: 'applied',
      applied_at: e.recordedAt,
      status_changed_at: e.recordedAt,
      updated_at: e.recordedAt,
    });
    await history(db, d.partnerId, e, 'applied');
  },
  PartnerApproved: (db, e) => status(db, e, 'approved', { tier: e.data.tier }),
  PartnerRejected: (db, e) => status(db, e, 'rejected'),
  PartnerActivated: (db, e) => status(db, e, 'active', { activated_at: e.recordedAt }),
  PartnerSuspended: (db, e) => status(db, e, 'suspended'),
  PartnerReinstated: (db, e) => status(db, e, 'active'),
  PartnerTerminated: (db, e) => status(db, e, 'terminated'),
  PartnerTierChanged: (db, e) => set(db, e, { tier: e.data.to }),
  PartnerRegionChanged: (db, e) => set(db, e, { region: e.data.to }),
  ChannelManagerAssigned: (db, e) => set(db, e, { channel_manager_id: e.data.personId }),
  PartnerQuotaSet: async (db, e) => {
    const partnerId = idOfStream(e.streamId);
    // The period's row with its quota, made or changed in one statement.
    await db.upsert(
      'scorecard_periods',
      {
        partner_id: partnerId,
        period: e.data.period,
        quota_minor: e.data.amount.amountMinor,
        quota_currency: e.data.amount.currency,
      },
      { set: ['quota_minor', 'quota_currency'] },
    );
    await refreshRevenue(db, partnerId, e.data.period);
  },
};
