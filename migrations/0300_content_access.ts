import { sql, type Kysely } from 'kysely';

/**
 * The content half of the access read model: the projection's copies of content items and
 * certifications, and who can see which item until when. The principals (0012) become part of the
 * same `access` projection, so its state restarts: it is replayed from the log on the next start.
 */
export const up = async (db: Kysely<unknown>) => {
  await db.schema
    .createTable('access_contents')
    .addColumn('content_id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('uri', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('changed_position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_contents_changed').on('access_contents').column('changed_position').execute();
  await db.schema
    .createIndex('access_contents_status_kind')
    .on('access_contents')
    .columns(['status', 'kind', 'content_id'])
    .execute();

  await db.schema
    .createTable('access_certifications')
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('program_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('access_certifications_pk', ['person_id', 'program_id'])
    .execute();
  await db.schema
    .createIndex('access_certifications_program')
    .on('access_certifications')
    .columns(['program_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('access_visible_content')
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('content_id', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addPrimaryKeyConstraint('access_visible_content_pk', ['person_id', 'content_id'])
    .execute();
  await db.schema
    .createIndex('access_visible_content_reverse')
    .on('access_visible_content')
    .columns(['content_id', 'person_id'])
    .execute();

  // Audience candidates are looked up by the employer's attributes.
  await db.schema
    .createIndex('access_principals_region')
    .on('access_principals')
    .columns(['partner_region', 'partner_tier'])
    .execute();
  await db.schema.createIndex('access_principals_tier').on('access_principals').column('partner_tier').execute();

  await sql`DELETE FROM access_principals`.execute(db);
  await sql`DELETE FROM access_partners`.execute(db);
  await sql`DELETE FROM projection_checkpoints WHERE name = 'access_principals'`.execute(db);
};
