import { flag as when, instant as at, now, periodOfText, sql } from '../analyticsSql.js';
import { date, decimal, defineView, flag, instant, integer, text } from '../analyticsView.js';
import { hoursSql } from '../kpiArithmetic.js';

/**
 * A registration collided when `DealConflictDetected` was recorded on it: an earlier registration of
 * another partner was pending or protected for the same customer and product line. The deals read model
 * keeps it as `collided` (the pairs, both directions, are in `deal_conflicts`).
 */
const collided = 'd.collided';

export const dealsV1 = defineView({
  name: 'analytics_deals',
  version: 1,
  rowPer: 'deal registration',
  key: ['deal_id'],
  columns: {
    deal_id: text('d.deal_id', 'the registration (`deal_…`)'),
    partner_id: text('d.partner_id', 'the partner that registered it'),
    registered_by: text('d.registered_by', 'the person who registered it'),
    customer_name: text('d.customer_name', "the customer's name as registered"),
    customer_domain: text('d.customer_domain', "the customer's registrable web domain, normalised"),
    customer_country: text('d.customer_country', "the customer's country"),
    product_line: text('d.product_line', 'the product line'),
    currency: text('d.currency', 'currency of the estimated value'),
    estimated_value_minor: integer('d.estimated_value_minor', 'estimated value in minor units'),
    expected_close_date: date('d.expected_close_date', 'expected closing day'),
    status: text('d.status', '`submitted`, `approved`, `rejected`, `withdrawn`, `won`, `lost`, `expired`'),
    collided: flag(collided, 'collided with an earlier registration of another partner (counts in the conflict rate)'),
    // The read model's flag is 0 or 1 already.
    conflict_flagged: flag(
      'd.conflict',
      'on either side of a collision: collided, or collided with by a later registration',
    ),
    registered_at: instant('d.registered_at', 'when it was registered'),
    registered_period: text('d.registered_period', 'its quarter'),
    approved_at: instant('d.approved_at', 'when approved, or null'),
    hours_to_approval: decimal(hoursSql('d.approval_seconds'), 'hours from registration to approval, or null'),
    protection_days: integer('d.protection_days', 'protection period granted at approval, days'),
    protected_until: instant('d.protected_until', 'end of the protection (after extensions), or null'),
    protected_now: flag(
      when(sql`d.status = 'approved' AND ${at('d.protected_until')} > ${now}`),
      'approved and its protection has not lapsed',
    ),
    extension_count: integer('d.extension_count', 'protection extensions'),
    rejected_at: instant('d.rejected_at', 'when rejected, or null'),
    withdrawn_at: instant('d.withdrawn_at', 'when withdrawn, or null'),
    won_at: instant('d.won_at', 'when the win was recorded, or null'),
    closed_at: instant('d.closed_at', 'won: the closing date reported; lost: when recorded'),
    won_amount_minor: integer('d.won_amount_minor', 'won amount in minor units, or null'),
    won_currency: text('d.won_currency', 'its currency, or null'),
    lost_at: instant('d.lost_at', 'when lost, or null'),
    expired_at: instant('d.expired_at', 'when its protection lapsed and the expiry was recorded, or null'),
    outcome_period: text(
      'd.outcome_period',
      'the quarter its outcome counts in (a win: its closing date; other ends: when recorded); null while open',
    ),
    status_reason: text('d.status_reason', 'reason given for a rejection, withdrawal or loss'),
    status_changed_at: instant('d.status_changed_at', 'when its status last changed'),
  },
  from: 'FROM deals d',
});

/** Each collision once, from the later registration's side (the read model keeps both directions). */
export const dealConflictsV1 = defineView({
  name: 'analytics_deal_conflicts',
  version: 1,
  rowPer: 'collision: a registration and an earlier one of another partner it collided with',
  key: ['deal_id', 'earlier_deal_id'],
  columns: {
    deal_id: text('d.deal_id', 'the registration that collided'),
    partner_id: text('d.partner_id', 'its partner'),
    earlier_deal_id: text('o.deal_id', 'the earlier registration it collided with'),
    earlier_partner_id: text('o.partner_id', "that registration's partner"),
    customer_domain: text('d.customer_domain', 'the customer both registered'),
    product_line: text('d.product_line', 'the product line both registered'),
    detected_at: instant('c.detected_at', 'when the collision was recorded'),
    detected_period: text(periodOfText('c.detected_at'), 'its quarter'),
    status: text('d.status', "the colliding registration's status now"),
    earlier_status: text('o.status', "the earlier registration's status now"),
  },
  from: `FROM deal_conflicts c JOIN deals d ON d.deal_id = c.deal_id JOIN deals o ON o.deal_id = c.conflicting_deal_id
  WHERE o.registered_position < d.registered_position`,
});
