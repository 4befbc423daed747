import type { StoredEvent } from '../../eventstore/port.js';
import { defineProjection } from '../runner/projection.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import { idOfStream } from '../streamIds.js';
import { addShare, moveShare, shareOf, type Share } from './dealTotals.js';

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

/** Moves the deal to a status; its share of the totals follows (read once, the new share derived). */
const status = async (db: SqlDb, event: StoredEvent, to: string, extra: Record<string, unknown> = {}, known?: Share) => {
  const before = known ?? (await shareOf(db, idOfStream(event.streamId)));
  await update(db, event, { status: to, status_changed_at: event.recordedAt, ...extra });
  if (!before) return;
  const won = to === 'won';
  await moveShare(db, before, {
    ...before,
    status: to,
    approved: extra.approved_at ? 1 : before.approved,
    won_currency: won ? String(extra.won_currency) : '',
    won_amount_minor: won ? Number(extra.won_amount_minor) : 0,
  });
};

/** Flags a deal as colliding; its share counts as conflicted from now on. */
const flag = async (db: SqlDb, dealId: string, write: () => Promise<unknown>) => {
  const before = await shareOf(db, dealId);
  await write();
  if (before) await moveShare(db, before, { ...before, conflicted: 1 });
};

/**
 * The pipeline of deal registrations (DESIGN §5). Whether protection is still running is never
 * projected: rows keep `protected_until` and readers compare it with their clock. Totals per partner,
 * channel-wide and per registration day (`dealTotals.ts`) follow every change of a deal's status,
 * approval, win or conflict flag.
 */
export const dealsProjection = defineProjection({
  name: 'deals',
  tables: ['deal_conflicts', 'deal_partner_totals', 'deal_line_totals', 'deal_day_totals', 'deals'],
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
      await addShare(db, {
        registered_at: e.recordedAt, partner_id: d.partnerId, product_line: d.productLine, status: 'submitted', currency: d.estimatedValue.currency,
        won_currency: '', estimated_value_minor: d.estimatedValue.amountMinor, approved: 0, conflicted: 0, won_amount_minor: 0,
      });
    },
    // Both registrations of a collision are flagged and linked: the earlier one learns of the later one here.
    DealConflictDetected: async (db, e: E<{ conflictingDealIds: string[] }>) => {
      const dealId = idOfStream(e.streamId);
      for (const other of e.data.conflictingDealIds) {
        for (const [a, b] of [[dealId, other], [other, dealId]])
          await db.run('INSERT INTO deal_conflicts (deal_id, conflicting_deal_id, detected_at) VALUES (?, ?, ?) ON CONFLICT (deal_id, conflicting_deal_id) DO NOTHING', [a, b, e.recordedAt]);
        await flag(db, other, () => db.run('UPDATE deals SET conflict = 1 WHERE deal_id = ?', [other]));
      }
      await flag(db, dealId, () => update(db, e, { conflict: 1 }));
    },
    DealApproved: async (db, e: E<{ protectedUntil: string; protectionDays: number }>) => {
      const before = await shareOf(db, idOfStream(e.streamId));
      const seconds = before ? Math.round((Date.parse(e.recordedAt) - Date.parse(before.registered_at)) / 1000) : null;
      await status(db, e, 'approved', { approved_at: e.recordedAt, approval_seconds: seconds, protection_days: e.data.protectionDays, protected_until: e.data.protectedUntil }, before);
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
