import { sql, type Kysely } from 'kysely';

/**
 * PostgreSQL's side of 0500: the same indexes for `GET /audit/events` filters, the actor's one over the
 * expression the PostgreSQL audit query filters on (eventstore/postgres/selectStoredEvents.ts), and the
 * same audit access log (its autoincrement key becomes an identity column).
 */
export const up = async (db: Kysely<unknown>) => {
  await db.schema.createIndex('events_type_position').on('events').columns(['type', 'position']).execute();
  await db.schema
    .createIndex('events_actor_position')
    .on('events')
    .expression(sql`(metadata::jsonb #>> '{actor,id}'), position`)
    .execute();
  await db.schema.createIndex('events_recorded_at').on('events').column('recorded_at').execute();

  await db.schema
    .createTable('audit_access_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_access_log_actor').on('audit_access_log').columns(['actor_id', 'id']).execute();
  await db.schema.createIndex('audit_access_log_at').on('audit_access_log').column('at').execute();
};
