import { bigint, integer, table, tablesOf, text } from '../../infra/sql/tables.js';

const count = () => integer().withDefault();
const counts = {
  registered: count(),
  assigned: count(),
  accepted: count(),
  declined: count(),
  lapsed: count(),
  converted: count(),
  disqualified: count(),
  won: count(),
  lost: count(),
};
/** The count columns of the lead totals tables, in declaration order. */
export const leadCountColumns = Object.keys(counts) as (keyof typeof counts)[];

/** Vendor-sourced leads, their assignments and counts per period (migration 0800; README "Leads for analysts"). */
export const leadTables = tablesOf(
  table(
    'leads',
    {
      lead_id: text(),
      customer_name: text(),
      customer_domain: text(),
      customer_country: text(),
      region: text(),
      product_line: text(),
      estimated_value_minor: bigint().orNull(),
      currency: text().orNull(),
      source: text(),
      notes: text().orNull(),
      status: text(),
      partner_id: text().orNull(),
      assigned_by: text().orNull(),
      assigned_at: text().orNull(),
      accept_by: text().orNull(),
      accepted_at: text().orNull(),
      accepted_by: text().orNull(),
      converted_at: text().orNull(),
      converted_by: text().orNull(),
      deal_id: text().orNull(),
      deal_status: text().orNull(),
      won_at: text().orNull(),
      won_amount_minor: bigint().orNull(),
      won_currency: text().orNull(),
      disqualified_at: text().orNull(),
      status_reason: text().orNull(),
      assignment_count: count(),
      registered_by: text(),
      registered_at: text(),
      registered_position: bigint(),
      status_changed_at: text(),
      version: integer(),
      updated_at: text(),
    },
    ['lead_id'],
  ),
  table(
    'lead_assignments',
    {
      lead_id: text(),
      seq: integer(),
      partner_id: text(),
      region: text(),
      kind: text(),
      assigned_by: text(),
      assigned_at: text(),
      accept_by: text(),
      candidate_count: integer().orNull(),
      excluded_count: integer().orNull(),
      decided_by: text().orNull(),
      reason: text().orNull(),
      /** JSON: the routing candidates recorded with the assignment, in rank order. */
      candidates: text().orNull(),
      outcome: text().orNull(),
      outcome_at: text().orNull(),
      /** The quarter of `outcome_at` (migration 0802): the accepted offers of a quarter in answer order. */
      outcome_period: text().orNull(),
      answer_seconds: bigint().orNull(),
      outcome_reason: text().orNull(),
    },
    ['lead_id', 'seq'],
  ),
  /** `partner_id` is '' for facts of no partner (a registration, a disqualification before assignment). */
  table('lead_period_totals', { period: text(), region: text(), partner_id: text(), ...counts }, [
    'period',
    'region',
    'partner_id',
  ]),
  /** The same counts per partner (facts of no partner left out), for the dashboard's pages (migration 0802). */
  table('lead_partner_totals', { partner_id: text(), period: text(), ...counts }, ['partner_id', 'period']),
  /** The same counts per lead region, facts of no partner included, for the channel and region rows. */
  table('lead_region_totals', { period: text(), region: text(), ...counts }, ['period', 'region']),
);
