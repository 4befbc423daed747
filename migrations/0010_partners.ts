import type { Kysely } from 'kysely';

/** Read model: the partner directory and quotas. */
export const up = async (db: Kysely<unknown>) => {
  await db.schema
    .createTable('partners')
    .addColumn('partner_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('website', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('parent_partner_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('tier', 'text')
    .addColumn('channel_manager_id', 'text')
    .addColumn('agreement_version', 'text')
    .addColumn('employee_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text')
    .addColumn('activated_at', 'text')
    .addColumn('status_changed_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('partners_region').on('partners').columns(['region', 'status']).execute();
  await db.schema.createIndex('partners_channel_manager').on('partners').column('channel_manager_id').execute();
  await db.schema.createIndex('partners_parent').on('partners').column('parent_partner_id').execute();
  await db.schema
    .createTable('partner_quotas')
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('partner_quotas_pk', ['partner_id', 'period'])
    .execute();
};
