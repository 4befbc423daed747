import { sql, type Kysely } from 'kysely';
import { leadCountColumns } from '../projections/readModels/leadTables.js';

/**
 * Read model: lead counts per partner and period and per lead region and period (projections/lead),
 * so that the leads dashboard pages partners by an index and sums a handful of region rows instead of
 * grouping every (period, region, partner) row on each request; and each assignment's outcome quarter,
 * so that a median time to accept is read at its offset in an index instead of from every accepted
 * offer. Filled here from `lead_period_totals` and `outcome_at` for stores that already have leads.
 */
export const up = async (db: Kysely<unknown>) => {
  for (const [name, first, second] of [
    ['lead_partner_totals', 'partner_id', 'period'],
    ['lead_region_totals', 'period', 'region'],
  ]) {
    let create = db.schema
      .createTable(name)
      .addColumn(first, 'text', (c) => c.notNull())
      .addColumn(second, 'text', (c) => c.notNull());
    for (const c of leadCountColumns) create = create.addColumn(c, 'integer', (col) => col.notNull().defaultTo(0));
    await create.addPrimaryKeyConstraint(`${name}_pk`, [first, second]).execute();
  }
  const sums = sql.raw(leadCountColumns.map((c) => `SUM(${c})`).join(', '));
  const list = sql.raw(leadCountColumns.join(', '));
  await sql`INSERT INTO lead_partner_totals (partner_id, period, ${list})
    SELECT partner_id, period, ${sums} FROM lead_period_totals
    WHERE partner_id <> '' GROUP BY partner_id, period`.execute(db);
  await sql`INSERT INTO lead_region_totals (period, region, ${list})
    SELECT period, region, ${sums} FROM lead_period_totals GROUP BY period, region`.execute(db);
  await db.schema.alterTable('lead_assignments').addColumn('outcome_period', 'text').execute();
  await sql`UPDATE lead_assignments SET outcome_period = substr(outcome_at, 1, 4) || '-Q'
    || CAST((CAST(substr(outcome_at, 6, 2) AS INTEGER) + 2) / 3 AS TEXT) WHERE outcome_at IS NOT NULL`.execute(db);
  for (const [name, columns] of [
    // Medians of the channel and of each region: the accepted offers of a quarter in answer order.
    ['lead_assignments_answers', ['outcome', 'outcome_period', 'answer_seconds']],
    ['lead_assignments_region_answers', ['outcome', 'outcome_period', 'region', 'answer_seconds']],
    // The accepted offers of a page's partners in a period, read inside the index.
    ['lead_assignments_partner_outcome', ['partner_id', 'outcome', 'outcome_at', 'answer_seconds']],
  ] as const)
    await db.schema
      .createIndex(name)
      .on('lead_assignments')
      .columns([...columns])
      .execute();
};
