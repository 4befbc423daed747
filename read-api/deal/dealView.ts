import type { Database } from '../../projections/readModels/database.js';

export type DealRow = Database['deals'] & { partner_name: string | null };

/** Protection is running right now: evaluated against the reader's clock, never projected. */
export const protectionActive = (row: Pick<Database['deals'], 'status' | 'protected_until'>, now: Date) =>
  row.status === 'approved' && row.protected_until !== null && row.protected_until > now.toISOString();

/** A deal as the API shows it: camelCase, money as Money, the conflict flag as a boolean. */
export const dealView = (row: DealRow, now: Date) => ({
  id: row.deal_id,
  partnerId: row.partner_id,
  partnerName: row.partner_name,
  registeredBy: row.registered_by,
  customer: { name: row.customer_name, domain: row.customer_domain, country: row.customer_country },
  productLine: row.product_line,
  estimatedValue: { amountMinor: Number(row.estimated_value_minor), currency: row.currency },
  expectedCloseDate: row.expected_close_date,
  status: row.status,
  protectionActive: protectionActive(row, now),
  conflict: Number(row.conflict) === 1,
  registeredAt: row.registered_at,
  approvedAt: row.approved_at,
  protectionDays: row.protection_days === null ? null : Number(row.protection_days),
  protectedUntil: row.protected_until,
  extensionCount: Number(row.extension_count),
  rejectedAt: row.rejected_at,
  withdrawnAt: row.withdrawn_at,
  wonAmount:
    row.won_amount_minor === null ? null : { amountMinor: Number(row.won_amount_minor), currency: row.won_currency },
  closedAt: row.closed_at,
  lostAt: row.lost_at,
  expiredAt: row.expired_at,
  reason: row.status_reason,
  statusChangedAt: row.status_changed_at,
  leadId: row.lead_id,
  version: Number(row.version),
});
