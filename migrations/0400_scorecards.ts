import type { Kysely } from 'kysely';

/**
 * Read model: scorecards and channel health (projections/scorecard). The projection keeps its own
 * copies of the partner, people, certification, deal, fund and points facts it needs, so that it can
 * be rebuilt alone; time-dependent figures (certified people, readiness) are stored as timestamps.
 */
export const up = async (db: Kysely<unknown>) => {
  await db.schema
    .createTable('scorecard_partners')
    .addColumn('partner_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('parent_partner_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('tier', 'text')
    .addColumn('channel_manager_id', 'text')
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .addColumn('activated_at', 'text')
    .addColumn('status_changed_at', 'text', (c) => c.notNull())
    .addColumn('first_deal_at', 'text')
    .addColumn('first_win_at', 'text')
    .addColumn('employee_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('points_balance', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('certified_expiries', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('line_expiries', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('ready_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('scorecard_partners_region')
    .on('scorecard_partners')
    .columns(['region', 'partner_id'])
    .execute();
  await db.schema
    .createIndex('scorecard_partners_manager')
    .on('scorecard_partners')
    .columns(['channel_manager_id', 'partner_id'])
    .execute();

  await db.schema
    .createTable('scorecard_partner_status')
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scorecard_partner_status_pk', ['partner_id', 'position'])
    .execute();

  await db.schema
    .createTable('scorecard_periods')
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('quota_minor', 'bigint')
    .addColumn('quota_currency', 'text')
    .addColumn('currency', 'text')
    .addColumn('won_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('attainment_pct', 'real')
    .addColumn('deals_registered', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deals_conflicted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deals_approved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deals_rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deals_withdrawn', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deals_won', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deals_lost', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deals_expired', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('approval_median_seconds', 'bigint')
    .addColumn('mdf_currency', 'text')
    .addColumn('mdf_allocated_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('mdf_approved_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('mdf_paid_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('scorecard_periods_pk', ['partner_id', 'period'])
    .execute();
  await db.schema
    .createIndex('scorecard_periods_period')
    .on('scorecard_periods')
    .columns(['period', 'partner_id'])
    .execute();

  await db.schema
    .createTable('scorecard_revenue')
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('won_minor', 'bigint', (c) => c.notNull())
    .addColumn('deals_won', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('scorecard_revenue_pk', ['partner_id', 'period', 'currency'])
    .execute();
  await db.schema
    .createIndex('scorecard_revenue_period')
    .on('scorecard_revenue')
    .columns(['period', 'currency', 'partner_id'])
    .execute();

  await db.schema
    .createTable('scorecard_deals')
    .addColumn('deal_id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('approved_period', 'text')
    .addColumn('approval_seconds', 'bigint')
    .execute();
  await db.schema
    .createIndex('scorecard_deals_approvals')
    .on('scorecard_deals')
    .columns(['partner_id', 'approved_period', 'approval_seconds'])
    .execute();

  await db.schema
    .createTable('scorecard_people')
    .addColumn('person_id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text')
    .execute();
  await db.schema.createIndex('scorecard_people_partner').on('scorecard_people').columns(['partner_id']).execute();
  await db.schema
    .createTable('scorecard_certifications')
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('program_id', 'text', (c) => c.notNull())
    .addColumn('product_line', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('scorecard_certifications_pk', ['person_id', 'program_id'])
    .execute();
  await db.schema
    .createTable('scorecard_programs')
    .addColumn('program_id', 'text', (c) => c.primaryKey())
    .addColumn('product_line', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('scorecard_funds')
    .addColumn('fund_id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('scorecard_mdf_claims')
    .addColumn('claim_id', 'text', (c) => c.primaryKey())
    .addColumn('fund_id', 'text', (c) => c.notNull())
    .addColumn('approved_minor', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('scorecard_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
};
