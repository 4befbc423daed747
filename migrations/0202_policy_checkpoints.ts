import type { Kysely } from 'kysely';

/** Where each policy (event -> command reaction) has got to in the log; apart from projection checkpoints. */
export const up = async (db: Kysely<unknown>) => {
  await db.schema
    .createTable('policy_checkpoints')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
};
