import { bigint, integer, table, tablesOf, text } from '../../infra/sql/tables.js';

/** The partner directory and quotas (migrations 0010, 0013, 0501; columns documented in the README). */
export const partnerTables = tablesOf(
  table(
    'partners',
    {
      partner_id: text(),
      name: text(),
      website: text(),
      /** The partner's web domain (PartnerApplied v2; derived from `website` for v1 events). */
      domain: text().orNull(),
      country: text(),
      region: text(),
      type: text(),
      parent_partner_id: text().orNull(),
      status: text(),
      tier: text().orNull(),
      channel_manager_id: text().orNull(),
      agreement_version: text().orNull(),
      employee_count: integer().withDefault(),
      applied_at: text(),
      approved_at: text().orNull(),
      activated_at: text().orNull(),
      status_changed_at: text(),
      version: integer(),
      updated_at: text(),
    },
    ['partner_id'],
  ),
  table('partner_quotas', { partner_id: text(), period: text(), amount_minor: bigint(), currency: text() }, [
    'partner_id',
    'period',
  ]),
);
