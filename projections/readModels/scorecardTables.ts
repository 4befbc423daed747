import { bigint, integer, json, real, table, tablesOf, text } from '../../infra/sql/tables.js';

const count = () => integer().withDefault();
const amount = () => bigint().withDefault();

/**
 * Scorecards and channel health (migrations 0400–0402; columns documented in the README). The
 * projection keeps its own copies of the facts it needs (people, certifications, deals, funds).
 */
export const scorecardTables = tablesOf(
  table(
    'scorecard_partners',
    {
      partner_id: text(),
      name: text(),
      country: text(),
      region: text(),
      type: text(),
      parent_partner_id: text().orNull(),
      status: text(),
      tier: text().orNull(),
      channel_manager_id: text().orNull(),
      applied_at: text(),
      activated_at: text().orNull(),
      status_changed_at: text(),
      first_deal_at: text().orNull(),
      first_win_at: text().orNull(),
      employee_count: count(),
      points_balance: amount(),
      /** JSON array: per current employee, the latest expiry (epoch ms) of a certification held; largest first. */
      certified_expiries: json().withDefault(),
      /** JSON object: product line -> the same per-employee expiries for that line. */
      line_expiries: json().withDefault(),
      ready_until: text().orNull(),
      updated_at: text(),
    },
    ['partner_id'],
  ),
  table(
    'scorecard_partner_status',
    { partner_id: text(), position: bigint(), changed_at: text(), status: text(), next_changed_at: text().orNull() },
    ['partner_id', 'position'],
  ),
  table(
    'scorecard_periods',
    {
      partner_id: text(),
      period: text(),
      quota_minor: bigint().orNull(),
      quota_currency: text().orNull(),
      currency: text().orNull(),
      won_minor: amount(),
      attainment_pct: real().orNull(),
      deals_registered: count(),
      deals_conflicted: count(),
      deals_approved: count(),
      deals_rejected: count(),
      deals_withdrawn: count(),
      deals_won: count(),
      deals_lost: count(),
      deals_expired: count(),
      approval_median_seconds: bigint().orNull(),
      mdf_currency: text().orNull(),
      mdf_allocated_minor: amount(),
      mdf_approved_minor: amount(),
      mdf_paid_minor: amount(),
    },
    ['partner_id', 'period'],
  ),
  table(
    'scorecard_revenue',
    { partner_id: text(), period: text(), currency: text(), won_minor: bigint(), deals_won: integer() },
    ['partner_id', 'period', 'currency'],
  ),
  table('scorecard_channel_revenue', { period: text(), currency: text(), won_minor: bigint(), deals_won: integer() }, [
    'period',
    'currency',
  ]),
  table('scorecard_trailing_revenue', { partner_id: text(), period: text(), currency: text(), won_minor: bigint() }, [
    'partner_id',
    'period',
    'currency',
  ]),
  table(
    'scorecard_deals',
    {
      deal_id: text(),
      partner_id: text(),
      registered_at: text(),
      approved_period: text().orNull(),
      approval_seconds: bigint().orNull(),
    },
    ['deal_id'],
  ),
  table('scorecard_people', { person_id: text(), partner_id: text().orNull() }, ['person_id']),
  table(
    'scorecard_certifications',
    { person_id: text(), program_id: text(), product_line: text(), expires_at: text(), revoked: count() },
    ['person_id', 'program_id'],
  ),
  table('scorecard_programs', { program_id: text(), product_line: text() }, ['program_id']),
  table('scorecard_funds', { fund_id: text(), partner_id: text(), period: text() }, ['fund_id']),
  table('scorecard_mdf_claims', { claim_id: text(), fund_id: text(), approved_minor: bigint() }, ['claim_id']),
  table('scorecard_settings', { key: text(), value: text() }, ['key']),
);
