import { sql, type Kysely } from 'kysely';

/**
 * PartnerApplied v2 carries the partner's web domain. The directory gains a `domain` column, and the
 * partners projection is reset so that it replays the log (upcasting v1 events) and fills the column
 * for every partner, old ones included: read models are derived, the log is never rewritten.
 */
export const up = async (db: Kysely<unknown>) => {
  await db.schema.alterTable('partners').addColumn('domain', 'text').execute();
  await db.schema.createIndex('partners_domain').on('partners').column('domain').execute();
  await sql`DELETE FROM partner_quotas`.execute(db);
  await sql`DELETE FROM partners`.execute(db);
  await sql`DELETE FROM projection_checkpoints WHERE name = 'partners'`.execute(db);
};
