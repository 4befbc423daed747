import type { Kysely } from 'kysely';

/**
 * Directory lists are pages in `partner_id` order. Filtered by region (and status), SQLite read every
 * matching row and sorted them in a temporary b-tree before taking a page; with `partner_id` after the
 * equality columns the index hands rows over in page order and the query stops after one page.
 * (region, status, partner_id) also serves every lookup the old (region, status) index did, so that
 * one goes. Lists filtered by tier, type or nothing already walk the primary key in order.
 */
export const up = async (db: Kysely<unknown>) => {
  await db.schema.dropIndex('partners_region').ifExists().execute();
  await db.schema
    .createIndex('partners_region_status_order')
    .ifNotExists()
    .on('partners')
    .columns(['region', 'status', 'partner_id'])
    .execute();
  await db.schema
    .createIndex('partners_region_order')
    .ifNotExists()
    .on('partners')
    .columns(['region', 'partner_id'])
    .execute();
};
