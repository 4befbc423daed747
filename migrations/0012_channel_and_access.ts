import type { Kysely } from 'kysely';

/** Read models: the channel settings and the principal part of the access model. */
export const up = async (db: Kysely<unknown>) => {
  await db.schema
    .createTable('channel_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  // One row per person: what the person is to the channel right now.
  await db.schema
    .createTable('access_principals')
    .addColumn('person_id', 'text', (c) => c.primaryKey())
    .addColumn('vendor_roles', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('partner_id', 'text')
    .addColumn('partner_role', 'text')
    .addColumn('partner_status', 'text')
    .addColumn('partner_tier', 'text')
    .addColumn('partner_region', 'text')
    .addColumn('partner_type', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The access projection's own copy of what it needs of partners, so it never reads another projection.
  await db.schema
    .createTable('access_partners')
    .addColumn('partner_id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('tier', 'text')
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_principals_partner').on('access_principals').column('partner_id').execute();
};
