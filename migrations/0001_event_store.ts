import type { Kysely } from 'kysely';

/** The append-only log (DESIGN §3). `position` is SQLite's rowid: gap-free as nothing is ever deleted. */
export const up = async (db: Kysely<unknown>) => {
  await db.schema
    .createTable('events')
    .addColumn('position', 'integer', (c) => c.primaryKey())
    .addColumn('stream_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('schema_version', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('metadata', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('events_stream_version', ['stream_id', 'version'])
    .execute();
};
