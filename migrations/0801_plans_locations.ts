import type { Kysely } from 'kysely';

/** Read models: joint business plans per partner and period, partner locations and where employees work. */
export const up = async (db: Kysely<unknown>) => {
  await db.schema
    .createTable('partner_plans')
    .addColumn('plan_id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('objectives', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revised_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('partner_plans_partner').on('partner_plans').columns(['partner_id', 'period']).execute();
  await db.schema.createIndex('partner_plans_period').on('partner_plans').columns(['period', 'partner_id']).execute();

  await db.schema
    .createTable('partner_locations')
    .addColumn('location_id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('close_reason', 'text')
    .execute();
  await db.schema.createIndex('partner_locations_partner').on('partner_locations').column('partner_id').execute();

  await db.schema
    .createTable('employee_locations')
    .addColumn('person_id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('named_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('employee_locations_partner')
    .on('employee_locations')
    .columns(['partner_id', 'location_id'])
    .execute();
};
