import { sql, type Kysely } from 'kysely';

/**
 * Won revenue over the four periods up to each period (tier criteria look at a year), kept as running
 * totals: a win adds to its closing period and the three after it. Filled from the revenue already
 * projected (period arithmetic on `YYYY-Qn`: index = year * 4 + quarter - 1).
 */
export const up = async (db: Kysely<unknown>) => {
  await db.schema
    .createTable('scorecard_trailing_revenue')
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('won_minor', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('scorecard_trailing_revenue_pk', ['partner_id', 'period', 'currency'])
    .execute();
  await db.schema
    .createIndex('scorecard_trailing_revenue_period')
    .on('scorecard_trailing_revenue')
    .columns(['period', 'currency', 'partner_id'])
    .execute();
  const index = sql`(CAST(substr(r.period, 1, 4) AS INTEGER) * 4 + CAST(substr(r.period, 7, 1) AS INTEGER) - 1 + k.k)`;
  await sql`INSERT INTO scorecard_trailing_revenue (partner_id, period, currency, won_minor)
    SELECT r.partner_id, (${index} / 4) || '-Q' || ((${index} % 4) + 1), r.currency, SUM(r.won_minor)
    FROM scorecard_revenue r, (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) k
    GROUP BY 1, 2, 3`.execute(db);
};
