import type { StoredEvent } from '../../eventstore/port.js';
import { defineProjection } from '../runner/projection.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import { idOfStream } from '../streamIds.js';

type E<D> = StoredEvent<D>;

/** Sets columns of the partner row and its version/updated_at from the event. */
const update = (db: SqlDb, event: StoredEvent, columns: Record<string, unknown>) => {
  const names = Object.keys(columns);
  const assignments = [...names.map((n) => `${n} = ?`), 'version = ?', 'updated_at = ?'].join(', ');
  return db.run(`UPDATE partners SET ${assignments} WHERE partner_id = ?`, [
    ...names.map((n) => columns[n]), event.version, event.recordedAt, idOfStream(event.streamId),
  ]);
};
const status = (db: SqlDb, event: StoredEvent, to: string, extra: Record<string, unknown> = {}) =>
  update(db, event, { status: to, status_changed_at: event.recordedAt, ...extra });

/** The partner directory (DESIGN §5). Readiness is derived at query time from certifications. */
export const partnersProjection = defineProjection({
  name: 'partners',
  tables: ['partner_quotas', 'partners'],
  handlers: {
    PartnerApplied: async (db, e: E<{ partnerId: string; name: string; website: string; domain: string; country: string; region: string; type: string; parentPartnerId?: string }>) => {
      const d = e.data;
      await db.run(
        `INSERT INTO partners (partner_id, name, website, domain, country, region, type, parent_partner_id, status, applied_at,
           status_changed_at, employee_count, version, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'applied', ?, ?, 0, ?, ?)`,
        [d.partnerId, d.name, d.website, d.domain, d.country, d.region, d.type, d.parentPartnerId ?? null, e.recordedAt, e.recordedAt, e.version, e.recordedAt],
      );
    },
    PartnerApproved: async (db, e: E<{ tier: string }>) => void (await status(db, e, 'approved', { tier: e.data.tier, approved_at: e.recordedAt })),
    PartnerRejected: async (db, e) => void (await status(db, e, 'rejected')),
    PartnerAgreementSigned: async (db, e: E<{ agreementVersion: string }>) => void (await update(db, e, { agreement_version: e.data.agreementVersion })),
    PartnerActivated: async (db, e) => void (await status(db, e, 'active', { activated_at: e.recordedAt })),
    PartnerTierChanged: async (db, e: E<{ to: string }>) => void (await update(db, e, { tier: e.data.to })),
    PartnerRegionChanged: async (db, e: E<{ to: string }>) => void (await update(db, e, { region: e.data.to })),
    ChannelManagerAssigned: async (db, e: E<{ personId: string }>) => void (await update(db, e, { channel_manager_id: e.data.personId })),
    PartnerQuotaSet: async (db, e: E<{ period: string; amount: { amountMinor: number; currency: string } }>) => {
      await db.run(
        `INSERT INTO partner_quotas (partner_id, period, amount_minor, currency) VALUES (?, ?, ?, ?)
         ON CONFLICT (partner_id, period) DO UPDATE SET amount_minor = excluded.amount_minor, currency = excluded.currency`,
        [idOfStream(e.streamId), e.data.period, e.data.amount.amountMinor, e.data.amount.currency],
      );
      await update(db, e, {});
    },
    PartnerSuspended: async (db, e) => void (await status(db, e, 'suspended')),
    PartnerReinstated: async (db, e) => void (await status(db, e, 'active')),
    PartnerTerminated: async (db, e) => void (await status(db, e, 'terminated')),
    EmployeeJoined: async (db, e: E<{ partnerId: string }>) =>
      void (await db.run('UPDATE partners SET employee_count = employee_count + 1 WHERE partner_id = ?', [e.data.partnerId])),
    EmployeeLeft: async (db, e: E<{ partnerId: string }>) =>
      void (await db.run('UPDATE partners SET employee_count = employee_count - 1 WHERE partner_id = ?', [e.data.partnerId])),
  },
});
