import type { StoredEvent } from '../../eventstore/port.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import { idOfStream } from '../streamIds.js';
import { ensurePeriod, refreshRevenue } from './periodRows.js';

type E<D> = StoredEvent<D>;
type Handler = (db: SqlDb, event: StoredEvent<never>) => Promise<void>;

const set = (db: SqlDb, e: StoredEvent, columns: Record<string, unknown>) => {
  const names = Object.keys(columns);
  return db.run(`UPDATE scorecard_partners SET ${[...names.map((n) => `${n} = ?`), 'updated_at = ?'].join(', ')} WHERE partner_id = ?`, [
    ...names.map((n) => columns[n]), e.recordedAt, idOfStream(e.streamId),
  ]);
};

/** A status change: the current status, and a history row so that channel health can ask "active at the end of a period?". */
const status = async (db: SqlDb, e: StoredEvent, to: string, extra: Record<string, unknown> = {}) => {
  await set(db, e, { status: to, status_changed_at: e.recordedAt, ...extra });
  await history(db, idOfStream(e.streamId), e, to);
};
const history = async (db: SqlDb, partnerId: string, e: StoredEvent, to: string) => {
  await db.run('UPDATE scorecard_partner_status SET next_changed_at = ? WHERE partner_id = ? AND next_changed_at IS NULL', [e.recordedAt, partnerId]);
  await db.run('INSERT INTO scorecard_partner_status (partner_id, position, changed_at, status) VALUES (?, ?, ?, ?)', [partnerId, e.position, e.recordedAt, to]);
};

/** The scorecards' own copy of the partner facts they need (never read from the partners projection). */
export const partnerHandlers: Record<string, Handler> = {
  PartnerApplied: async (db, e: E<{ partnerId: string; name: string; country: string; region: string; type: string; parentPartnerId?: string }>) => {
    const d = e.data;
    await db.run(
      `INSERT INTO scorecard_partners (partner_id, name, country, region, type, parent_partner_id, status, applied_at, status_changed_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'applied', ?, ?, ?)`,
      [d.partnerId, d.name, d.country, d.region, d.type, d.parentPartnerId ?? null, e.recordedAt, e.recordedAt, e.recordedAt],
    );
    await history(db, d.partnerId, e, 'applied');
  },
  PartnerApproved: (db, e: E<{ tier: string }>) => status(db, e, 'approved', { tier: e.data.tier }),
  PartnerRejected: (db, e) => status(db, e, 'rejected'),
  PartnerActivated: (db, e) => status(db, e, 'active', { activated_at: e.recordedAt }),
  PartnerSuspended: (db, e) => status(db, e, 'suspended'),
  PartnerReinstated: (db, e) => status(db, e, 'active'),
  PartnerTerminated: (db, e) => status(db, e, 'terminated'),
  PartnerTierChanged: async (db, e: E<{ to: string }>) => void (await set(db, e, { tier: e.data.to })),
  PartnerRegionChanged: async (db, e: E<{ to: string }>) => void (await set(db, e, { region: e.data.to })),
  ChannelManagerAssigned: async (db, e: E<{ personId: string }>) => void (await set(db, e, { channel_manager_id: e.data.personId })),
  PartnerQuotaSet: async (db, e: E<{ period: string; amount: { amountMinor: number; currency: string } }>) => {
    const partnerId = idOfStream(e.streamId);
    await ensurePeriod(db, partnerId, e.data.period);
    await db.run('UPDATE scorecard_periods SET quota_minor = ?, quota_currency = ? WHERE partner_id = ? AND period = ?', [
      e.data.amount.amountMinor, e.data.amount.currency, partnerId, e.data.period,
    ]);
    await refreshRevenue(db, partnerId, e.data.period);
  },
};
