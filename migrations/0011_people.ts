import type { Kysely } from 'kysely';

/** Read model: people, their employment history, programs and certifications. */
export const up = async (db: Kysely<unknown>) => {
  await db.schema
    .createTable('people')
    .addColumn('person_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('partner_id', 'text')
    .addColumn('partner_role', 'text')
    .addColumn('joined_at', 'text')
    .addColumn('vendor_roles', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('people_partner').on('people').columns(['partner_id', 'partner_role']).execute();
  await db.schema.createIndex('people_email').on('people').column('email').unique().execute();
  await db.schema
    .createTable('employments')
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addColumn('left_at', 'text')
    .addColumn('leave_reason', 'text')
    .addColumn('joined_position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('employments_pk', ['person_id', 'joined_position'])
    .execute();
  await db.schema.createIndex('employments_partner').on('employments').columns(['partner_id', 'left_at']).execute();
  await db.schema
    .createTable('programs')
    .addColumn('program_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('product_line', 'text', (c) => c.notNull())
    .addColumn('valid_for_days', 'integer', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('defined_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('certifications')
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('program_id', 'text', (c) => c.notNull())
    .addColumn('product_line', 'text', (c) => c.notNull())
    .addColumn('earned_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('renewed_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revoke_reason', 'text')
    .addPrimaryKeyConstraint('certifications_pk', ['person_id', 'program_id'])
    .execute();
  await db.schema
    .createIndex('certifications_line')
    .on('certifications')
    .columns(['product_line', 'expires_at'])
    .execute();
};
