import type { Kysely } from 'kysely';

/**
 * The pipeline of a regional channel manager sums the per-partner totals of every partner in their
 * regions (thousands of rows). Through the primary key each row was one index probe and one table
 * probe; an index holding every column answers from the index alone (1,000-partner seed, EMEA's
 * 336 partners: 3.9 -> 2.5 ms for the status totals, the route's p50 8 -> 6 ms).
 */
export const up = async (db: Kysely<unknown>) => {
  await db.schema
    .createIndex('deal_partner_totals_covering')
    .on('deal_partner_totals')
    .columns([
      'partner_id',
      'status',
      'product_line',
      'currency',
      'won_currency',
      'deals',
      'estimated_value_minor',
      'approved',
      'conflicted',
      'won_amount_minor',
    ])
    .execute();
};
