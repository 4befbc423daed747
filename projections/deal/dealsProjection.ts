import type { StoredEvent } from '../../eventstore/port.js';
import type { Database } from '../readModels/database.js';
import type { ReadModelDb } from '../readModels/readModelDb.js';
import { defineProjection } from '../runner/projection.js';
import { idOfStream } from '../streamIds.js';
import { addShare, moveShare, shareOf, type Share } from './dealTotals.js';

type Deal = Partial<Database['deals']>;

/** The quarter of an ISO instant or date, computed as `analyticsSql.periodOfText` computes it in SQL. */
export const periodOfText = (text: string) => `${text.slice(0, 4)}-Q${Math.trunc((Number(text.slice(5, 7)) + 2) / 3)}`;

/** Where each end of a registration keeps the instant its outcome counts in (`analytics_deals.outcome_period`). */
const outcomeAt: Readonly<Record<string, keyof Deal>> = {
  won: 'closed_at',
  lost: 'lost_at',
  expired: 'expired_at',
  rejected: 'rejected_at',
  withdrawn: 'withdrawn_at',
};
const outcomePeriod = (to: string, extra: Deal) => {
  const at = outcomeAt[to] ? extra[outcomeAt[to]] : undefined;
  return typeof at === 'string' ? { outcome_period: periodOfText(at) } : {};
};

/** Sets columns of the deal row, with its version and updated_at, from the event. */
const update = (db: ReadModelDb, event: StoredEvent, set: Deal) =>
  db.update(
    'deals',
    { deal_id: idOfStream(event.streamId) },
    { set: { version: event.version, updated_at: event.recordedAt, ...set } },
  );

/** Moves the deal to a status; its share of the totals follows (read once, the new share derived). */
const status = async (db: ReadModelDb, event: StoredEvent, to: string, extra: Deal = {}, known?: Share) => {
  const before = known ?? (await shareOf(db, idOfStream(event.streamId)));
  await update(db, event, { status: to, status_changed_at: event.recordedAt, ...outcomePeriod(to, extra), ...extra });
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
const flag = async (db: ReadModelDb, dealId: string, write: () => Promise<unknown>) => {
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
    DealRegistered: async (db, e) => {
      const d = e.data;
      await db.insert('deals', {
        deal_id: d.dealId,
        partner_id: d.partnerId,
        registered_by: d.registeredBy,
        customer_name: d.customer.name,
        customer_domain: d.customer.domain,
        customer_country: d.customer.country,
        product_line: d.productLine,
        estimated_value_minor: d.estimatedValue.amountMinor,
        currency: d.estimatedValue.currency,
        expected_close_date: d.expectedCloseDate,
        status: 'submitted',
        conflict: 0,
        registered_at: e.recordedAt,
        registered_period: periodOfText(e.recordedAt),
        registered_position: e.position,
        extension_count: 0,
        status_changed_at: e.recordedAt,
        version: e.version,
        updated_at: e.recordedAt,
        lead_id: d.leadId ?? null,
      });
      await addShare(db, {
        registered_at: e.recordedAt,
        partner_id: d.partnerId,
        product_line: d.productLine,
        status: 'submitted',
        currency: d.estimatedValue.currency,
        won_currency: '',
        estimated_value_minor: d.estimatedValue.amountMinor,
        approved: 0,
        conflicted: 0,
        won_amount_minor: 0,
      });
    },
    // Both registrations of a collision are flagged and linked: the earlier one learns of the later one here.
    DealConflictDetected: async (db, e) => {
      const dealId = idOfStream(e.streamId);
      for (const other of e.data.conflictingDealIds) {
        for (const [a, b] of [
          [dealId, other],
          [other, dealId],
        ])
          await db.upsert('deal_conflicts', { deal_id: a, conflicting_deal_id: b, detected_at: e.recordedAt });
        await flag(db, other, () => db.update('deals', { deal_id: other }, { set: { conflict: 1 } }));
      }
      await flag(db, dealId, () => update(db, e, { conflict: 1, collided: 1 }));
    },
    DealApproved: async (db, e) => {
      const before = await shareOf(db, idOfStream(e.streamId));
      const seconds = before ? Math.round((Date.parse(e.recordedAt) - Date.parse(before.registered_at)) / 1000) : null;
      await status(
        db,
        e,
        'approved',
        {
          approved_at: e.recordedAt,
          approval_seconds: seconds,
          protection_days: e.data.protectionDays,
          protected_until: e.data.protectedUntil,
        },
        before,
      );
    },
    DealRejected: (db, e) => status(db, e, 'rejected', { rejected_at: e.recordedAt, status_reason: e.data.reason }),
    DealWithdrawn: (db, e) =>
      status(db, e, 'withdrawn', { withdrawn_at: e.recordedAt, status_reason: e.data.reason ?? null }),
    DealProtectionExtended: async (db, e) => {
      await db.update('deals', { deal_id: idOfStream(e.streamId) }, { add: { extension_count: 1 } });
      await update(db, e, { protected_until: e.data.protectedUntil });
    },
    DealWon: (db, e) =>
      status(db, e, 'won', {
        won_at: e.recordedAt,
        closed_at: e.data.closedAt,
        won_amount_minor: e.data.amount.amountMinor,
        won_currency: e.data.amount.currency,
      }),
    DealLost: (db, e) =>
      status(db, e, 'lost', { lost_at: e.recordedAt, closed_at: e.recordedAt, status_reason: e.data.reason }),
    DealExpired: (db, e) => status(db, e, 'expired', { expired_at: e.recordedAt }),
  },
});
