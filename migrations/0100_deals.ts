import type { Kysely } from 'kysely';

/** Read models: deal registrations (one row per deal) and their collisions, both directions. */
export const up = async (db: Kysely<unknown>) => {
  await db.schema
    .createTable('deals')
    .addColumn('deal_id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('customer_domain', 'text', (c) => c.notNull())
    .addColumn('customer_country', 'text', (c) => c.notNull())
    .addColumn('product_line', 'text', (c) => c.notNull())
    .addColumn('estimated_value_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('expected_close_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('conflict', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('registered_position', 'bigint', (c) => c.notNull().unique())
    .addColumn('approved_at', 'text')
    .addColumn('approval_seconds', 'bigint')
    .addColumn('protection_days', 'integer')
    .addColumn('protected_until', 'text')
    .addColumn('extension_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected_at', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('won_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('won_amount_minor', 'bigint')
    .addColumn('won_currency', 'text')
    .addColumn('lost_at', 'text')
    .addColumn('expired_at', 'text')
    .addColumn('status_reason', 'text')
    .addColumn('status_changed_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deals_partner').on('deals').columns(['partner_id', 'registered_position']).execute();
  await db.schema.createIndex('deals_status').on('deals').columns(['status', 'protected_until']).execute();
  await db.schema.createIndex('deals_customer').on('deals').columns(['customer_domain', 'product_line']).execute();
  await db.schema.createIndex('deals_line').on('deals').columns(['product_line', 'status']).execute();
  await db.schema
    .createIndex('deals_registrant')
    .on('deals')
    .columns(['registered_by', 'registered_position'])
    .execute();
  await db.schema
    .createTable('deal_conflicts')
    .addColumn('deal_id', 'text', (c) => c.notNull())
    .addColumn('conflicting_deal_id', 'text', (c) => c.notNull())
    .addColumn('detected_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('deal_conflicts_pk', ['deal_id', 'conflicting_deal_id'])
    .execute();
};
