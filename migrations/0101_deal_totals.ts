import { sql, type Kysely } from 'kysely';

type Db = Kysely<unknown>;

/** A totals table: its keys, `deals` (how many deals the key counts) and sums of the deals' figures. */
const totalsTable = async (db: Db, name: string, keys: readonly string[], sums: readonly string[]) => {
  let table = db.schema.createTable(name);
  for (const key of keys) table = table.addColumn(key, 'text', (c) => c.notNull());
  table = table.addColumn('deals', 'integer', (c) => c.notNull());
  for (const column of sums) table = table.addColumn(column, 'bigint', (c) => c.notNull());
  await table.addPrimaryKeyConstraint(`${name}_pk`, [...keys] as never).execute();
};

/**
 * Deal totals kept by the deals projection, so that the pipeline and deal metrics read a few rows
 * instead of aggregating every deal per request: per partner, product line, status, currency and
 * won currency (`''` unless won); channel-wide per product line, status and currency; and the same
 * per registration day (UTC) for windows. Filled from the deals already projected. Indexes on deals
 * answer medians (LIMIT/OFFSET at the middle of a partner's approval durations), a partner's deals in
 * a window and a rep's own deals, protection running now (compared with the clock at query time)
 * inside an index, and `GET /deals` pages by walking a filter's index newest first.
 */
export const up = async (db: Db) => {
  await totalsTable(
    db,
    'deal_partner_totals',
    ['partner_id', 'product_line', 'status', 'currency', 'won_currency'],
    ['estimated_value_minor', 'approved', 'conflicted', 'won_amount_minor'],
  );
  await totalsTable(
    db,
    'deal_line_totals',
    ['product_line', 'status', 'currency'],
    ['estimated_value_minor', 'conflicted'],
  );
  await totalsTable(
    db,
    'deal_day_totals',
    ['registered_day', 'product_line', 'status', 'currency'],
    ['estimated_value_minor', 'conflicted'],
  );

  const approved = sql`CASE WHEN approved_at IS NOT NULL THEN 1 ELSE 0 END`;
  await sql`INSERT INTO deal_partner_totals (partner_id, product_line, status, currency, won_currency,
      deals, estimated_value_minor, approved, conflicted, won_amount_minor)
    SELECT partner_id, product_line, status, currency,
           CASE WHEN status = 'won' THEN COALESCE(won_currency, '') ELSE '' END,
           COUNT(*), SUM(estimated_value_minor), SUM(${approved}), SUM(conflict),
           SUM(CASE WHEN status = 'won' THEN COALESCE(won_amount_minor, 0) ELSE 0 END)
    FROM deals GROUP BY 1, 2, 3, 4, 5`.execute(db);
  await sql`INSERT INTO deal_line_totals (product_line, status, currency, deals, estimated_value_minor, conflicted)
    SELECT product_line, status, currency, COUNT(*), SUM(estimated_value_minor), SUM(conflict)
    FROM deals GROUP BY 1, 2, 3`.execute(db);
  await sql`INSERT INTO deal_day_totals
      (registered_day, product_line, status, currency, deals, estimated_value_minor, conflicted)
    SELECT substr(registered_at, 1, 10), product_line, status, currency,
           COUNT(*), SUM(estimated_value_minor), SUM(conflict)
    FROM deals GROUP BY 1, 2, 3, 4`.execute(db);

  const approvals = sql<boolean>`approval_seconds IS NOT NULL`;
  // A partner's approval durations in order; the window and product line are checked inside the index.
  await db.schema
    .createIndex('deals_partner_approval')
    .on('deals')
    .columns(['partner_id', 'approval_seconds', 'registered_at', 'product_line'])
    .where(approvals)
    .execute();
  // A partner's deals in a window with every figure the totals count: windows aggregate inside the index.
  await db.schema
    .createIndex('deals_partner_registered')
    .on('deals')
    .columns([
      'partner_id',
      'registered_at',
      'status',
      'product_line',
      'currency',
      'estimated_value_minor',
      'conflict',
      'approved_at',
      'won_currency',
      'won_amount_minor',
    ])
    .execute();
  // Protection running now, counted inside the index (per partner; channel-wide in deals_status).
  await db.schema
    .createIndex('deals_partner_protection')
    .on('deals')
    .columns(['partner_id', 'status', 'product_line', 'protected_until', 'registered_at'])
    .execute();
  // Lists, newest first: walk a filter's index in log order and stop at the page (or sort positions only).
  await db.schema.dropIndex('deals_status').execute();
  await db.schema
    .createIndex('deals_status')
    .on('deals')
    .columns(['status', 'registered_position', 'protected_until', 'product_line', 'registered_at'])
    .execute();
  await db.schema.dropIndex('deals_line').execute();
  await db.schema.createIndex('deals_line').on('deals').columns(['product_line', 'registered_position']).execute();
  await db.schema.dropIndex('deals_registrant').execute();
  await db.schema
    .createIndex('deals_registrant')
    .on('deals')
    .columns(['registered_by', 'partner_id', 'registered_position'])
    .execute();
  await db.schema.createIndex('deals_conflict').on('deals').columns(['conflict', 'registered_position']).execute();
  await db.schema
    .createIndex('deals_registered')
    .on('deals')
    .columns(['registered_at', 'registered_position'])
    .execute();
  await db.schema
    .createIndex('deals_expected_close')
    .on('deals')
    .columns(['expected_close_date', 'registered_position'])
    .execute();
};
