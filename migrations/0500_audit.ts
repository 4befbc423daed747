import { sql, type Kysely } from 'kysely';

/**
 * Auditing: indexes that keep `GET /audit/events` filters index-backed (by type, by actor, by time),
 * and the audit access log, one row per call to `/audit/*`.
 */
export const up = async (db: Kysely<unknown>) => {
  await db.schema.createIndex('events_type_position').on('events').columns(['type', 'position']).execute();
  // Dialect-specific (SQLite's json_extract), as is the query it serves (eventstore/sqlite/eventsQuery.ts):
  // the expression must match that query's text exactly for SQLite to use the index. A PostgreSQL log
  // indexes its own jsonb metadata.
  await db.schema
    .createIndex('events_actor_position')
    .on('events')
    .expression(sql`json_extract(metadata, '$.actor.id'), position`)
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
