import type { Kysely } from 'kysely';

/** Read model: MDF funds with running balances, their requests and their claims (amounts in minor units). */
export const up = async (db: Kysely<unknown>) => {
  await db.schema
    .createTable('mdf_funds')
    .addColumn('fund_id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('allocated_minor', 'integer', (c) => c.notNull())
    .addColumn('committed_minor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_minor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paid_minor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('available_minor', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('allocated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('close_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mdf_funds_partner').on('mdf_funds').columns(['partner_id', 'period']).execute();
  await db.schema.createIndex('mdf_funds_period').on('mdf_funds').columns(['period', 'fund_id']).execute();
  await db.schema
    .createTable('mdf_requests')
    .addColumn('request_id', 'text', (c) => c.primaryKey())
    .addColumn('fund_id', 'text', (c) => c.notNull())
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('activity', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('activity_date', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('approved_minor', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('claim_deadline', 'text')
    .addColumn('reject_reason', 'text')
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_position', 'integer', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('settled_at', 'text')
    .execute();
  await db.schema
    .createIndex('mdf_requests_fund')
    .on('mdf_requests')
    .columns(['fund_id', 'submitted_position'])
    .execute();
  await db.schema
    .createTable('mdf_claims')
    .addColumn('claim_id', 'text', (c) => c.primaryKey())
    .addColumn('fund_id', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('approved_minor', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proof', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_position', 'integer', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('reject_reason', 'text')
    .addColumn('payment_reference', 'text')
    .addColumn('paid_at', 'text')
    .execute();
  await db.schema.createIndex('mdf_claims_fund').on('mdf_claims').columns(['fund_id', 'submitted_position']).execute();
  await db.schema.createIndex('mdf_claims_request').on('mdf_claims').column('request_id').execute();
};
