import { sql, type Kysely } from 'kysely';

/**
 * Faster channel health: each status-history row knows when the next change came (status at any
 * instant is one indexed range test), and channel-wide figures per period and currency are kept as
 * running totals instead of summed over every partner at query time.
 */
export const up = async (db: Kysely<unknown>) => {
  await db.schema.alterTable('scorecard_partner_status').addColumn('next_changed_at', 'text').execute();
  await sql`UPDATE scorecard_partner_status SET next_changed_at = (
    SELECT MIN(n.changed_at) FROM scorecard_partner_status n
    WHERE n.partner_id = scorecard_partner_status.partner_id
      AND n.position > scorecard_partner_status.position)`.execute(db);
  await db.schema
    .createIndex('scorecard_partner_status_at')
    .on('scorecard_partner_status')
    .columns(['changed_at', 'next_changed_at'])
    .execute();
  await db.schema
    .createTable('scorecard_channel_revenue')
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('won_minor', 'bigint', (c) => c.notNull())
    .addColumn('deals_won', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('scorecard_channel_revenue_pk', ['period', 'currency'])
    .execute();
  await sql`INSERT INTO scorecard_channel_revenue (period, currency, won_minor, deals_won)
    SELECT period, currency, SUM(won_minor), SUM(deals_won) FROM scorecard_revenue GROUP BY period, currency`.execute(
    db,
  );
};
