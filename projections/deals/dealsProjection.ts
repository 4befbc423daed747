import type { StoredEvent } from '../../eventstore/port.js';
import { defineProjection } from '../runner/projection.js';
import type { SqlDb } from '../sql/sqlDb.js';
import { idOfStream } from '../streamIds.js';

type E<D> = StoredEvent<D>;
interface Registered {
  dealId: string; partnerId: string; registeredBy: string; customer: { name: string; domain: string; country: string };
  productLine: string; estimatedValue: { amountMinor: number; currency: string }; expectedCloseDate: string; registeredAt: string;
}

/** Sets columns of the deal row, with its version and updated_at, from the event. */
const update = (db: SqlDb, event: StoredEvent, columns: Record<string, unknown>) => {
  const names = Object.keys(columns);
  const assignments = [...names.map((n) => `${n} = ?`), 'version = ?', 'updated_at = ?'].join(', ');
  return db.run(`UPDATE deals SET ${assignments} WHERE deal_id = ?`, [...names.map((n) => columns[n]), event.version, event.recordedAt, idOfStream(event.streamId)]);
};
const status = (db: SqlDb, event: StoredEvent, to: string, extra: Record<string, unknown> = {}) =>
  update(db, event, { status: to, status_changed_at: event.recordedAt, ...extra });

/**
 * The pipeline of deal registrations (DESIGN §5). Whether protection is still running is never
 * projected: rows keep `protected_until` and readers compare it with their clock.
 */
export const dealsProjection = defineProjection({
  name: 'deals',
  tables: ['deal_conflicts', 'deals'],
  handlers: {
    DealRegistered: async (db, e: E<Registered>) => {
      const d = e.data;
      await db.run(
        `INSERT INTO deals (deal_id, partner_id, registered_by, customer_name, customer_domain, customer_country, product_line,
           estimated_value_minor, currency, expected_close_date, status, conflict, registered_at, registered_position,
           extension_count, status_changed_at, version, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted', 0, ?, ?, 0, ?, ?, ?)`,
        [
          d.dealId, d.partnerId, d.registeredBy, d.customer.name, d.customer.domain, d.customer.country, d.productLine,
          d.estimatedValue.amountMinor, d.estimatedValue.currency, d.expectedCloseDate, e.recordedAt, e.position, e.recordedAt, e.version, e.recordedAt,
        ],
      );
    },
    // Both registrations of a collision are flagged and linked: the earlier one learns of the later one here.
    DealConflictDetected: async (db, e: E<{ conflictingDealIds: string[] }>) => {
      const dealId = idOfStream(e.streamId);
      for (const other of e.data.conflictingDealIds) {
        for (const [a, b] of [[dealId, other], [other, dealId]])
          await db.run('INSERT INTO deal_conflicts (deal_id, conflicting_deal_id, detected_at) VALUES (?, ?, ?) ON CONFLICT (deal_id, conflicting_deal_id) DO NOTHING', [a, b, e.recordedAt]);
        await db.run('UPDATE deals SET conflict = 1 WHERE deal_id = ?', [other]);
      }
      await update(db, e, { conflict: 1 });
    },
    DealApproved: async (db, e: E<{ protectedUntil: string; protectionDays: number }>) => {
      const row = await db.get<{ registered_at: string }>('SELECT registered_at FROM deals WHERE deal_id = ?', [idOfStream(e.streamId)]);
      const seconds = row ? Math.round((Date.parse(e.recordedAt) - Date.parse(row.registered_at)) / 1000) : null;
      await status(db, e, 'approved', { approved_at: e.recordedAt, approval_seconds: seconds, protection_days: e.data.protectionDays, protected_until: e.data.protectedUntil });
    },
    DealRejected: async (db, e: E<{ reason: string }>) => void (await status(db, e, 'rejected', { rejected_at: e.recordedAt, status_reason: e.data.reason })),
    DealWithdrawn: async (db, e: E<{ reason?: string }>) => void (await status(db, e, 'withdrawn', { withdrawn_at: e.recordedAt, status_reason: e.data.reason ?? null })),
    DealProtectionExtended: async (db, e: E<{ protectedUntil: string; reason: string }>) => {
      await db.run('UPDATE deals SET extension_count = extension_count + 1 WHERE deal_id = ?', [idOfStream(e.streamId)]);
      await update(db, e, { protected_until: e.data.protectedUntil });
    },
    DealWon: async (db, e: E<{ amount: { amountMinor: number; currency: string }; closedAt: string }>) =>
      void (await status(db, e, 'won', { won_at: e.recordedAt, closed_at: e.data.closedAt, won_amount_minor: e.data.amount.amountMinor, won_currency: e.data.amount.currency })),
    DealLost: async (db, e: E<{ reason: string }>) => void (await status(db, e, 'lost', { lost_at: e.recordedAt, closed_at: e.recordedAt, status_reason: e.data.reason })),
    DealExpired: async (db, e) => void (await status(db, e, 'expired', { expired_at: e.recordedAt })),
  },
});
