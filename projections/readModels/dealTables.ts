import { bigint, integer, table, tablesOf, text } from '../../infra/sql/tables.js';

const totalsKeys = { product_line: text(), status: text(), currency: text() };
const channelSums = { deals: integer(), estimated_value_minor: bigint(), conflicted: bigint() };

/** Deal registrations, their collisions and totals (migrations 0100–0102; README "Deals for analysts"). */
export const dealTables = tablesOf(
  table(
    'deals',
    {
      deal_id: text(),
      partner_id: text(),
      registered_by: text(),
      customer_name: text(),
      customer_domain: text(),
      customer_country: text(),
      product_line: text(),
      estimated_value_minor: bigint(),
      currency: text(),
      expected_close_date: text(),
      status: text(),
      conflict: integer().withDefault(),
      registered_at: text(),
      registered_position: bigint(),
      approved_at: text().orNull(),
      approval_seconds: bigint().orNull(),
      protection_days: integer().orNull(),
      protected_until: text().orNull(),
      extension_count: integer().withDefault(),
      rejected_at: text().orNull(),
      withdrawn_at: text().orNull(),
      won_at: text().orNull(),
      closed_at: text().orNull(),
      won_amount_minor: bigint().orNull(),
      won_currency: text().orNull(),
      lost_at: text().orNull(),
      expired_at: text().orNull(),
      status_reason: text().orNull(),
      status_changed_at: text(),
      version: integer(),
      updated_at: text(),
      /** The lead the registration converted (migration 0800). */
      lead_id: text().orNull(),
      /** 1 on the registration that collided with an earlier one (DealConflictDetected); migration 0104. */
      collided: integer().withDefault(),
      /** The quarter of `registered_at` (migration 0105). */
      registered_period: text().withDefault(),
      /** The quarter its outcome counts in (a win: its closing date; other ends: when recorded); null while open. */
      outcome_period: text().orNull(),
    },
    ['deal_id'],
  ),
  table('deal_conflicts', { deal_id: text(), conflicting_deal_id: text(), detected_at: text() }, [
    'deal_id',
    'conflicting_deal_id',
  ]),
  /** `won_currency` is '' unless the status is won. */
  table(
    'deal_partner_totals',
    {
      partner_id: text(),
      ...totalsKeys,
      won_currency: text(),
      deals: integer(),
      estimated_value_minor: bigint(),
      approved: bigint(),
      conflicted: bigint(),
      won_amount_minor: bigint(),
    },
    ['partner_id', 'product_line', 'status', 'currency', 'won_currency'],
  ),
  table('deal_line_totals', { ...totalsKeys, ...channelSums }, ['product_line', 'status', 'currency']),
  table('deal_day_totals', { registered_day: text(), ...totalsKeys, ...channelSums }, [
    'registered_day',
    'product_line',
    'status',
    'currency',
  ]),
);
