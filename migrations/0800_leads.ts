import type { Kysely } from 'kysely';

/**
 * Read model: vendor-sourced leads (projections/lead), each assignment with its routing decision, and
 * counts per period, region and partner for the leads dashboard, scorecards and channel health. Deals
 * gain `lead_id`: the lead a registration converted (no existing deal has one, so nothing is replayed).
 */
export const up = async (db: Kysely<unknown>) => {
  await db.schema
    .createTable('leads')
    .addColumn('lead_id', 'text', (c) => c.primaryKey())
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('customer_domain', 'text', (c) => c.notNull())
    .addColumn('customer_country', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('product_line', 'text', (c) => c.notNull())
    .addColumn('estimated_value_minor', 'bigint')
    .addColumn('currency', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('partner_id', 'text')
    .addColumn('assigned_by', 'text')
    .addColumn('assigned_at', 'text')
    .addColumn('accept_by', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('accepted_by', 'text')
    .addColumn('converted_at', 'text')
    .addColumn('converted_by', 'text')
    .addColumn('deal_id', 'text')
    .addColumn('deal_status', 'text')
    .addColumn('won_at', 'text')
    .addColumn('won_amount_minor', 'bigint')
    .addColumn('won_currency', 'text')
    .addColumn('disqualified_at', 'text')
    .addColumn('status_reason', 'text')
    .addColumn('assignment_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('registered_position', 'bigint', (c) => c.notNull())
    .addColumn('status_changed_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  for (const [name, columns] of [
    ['leads_position', ['registered_position']],
    ['leads_status', ['status', 'registered_position']],
    ['leads_partner', ['partner_id', 'registered_position']],
    ['leads_region', ['region', 'registered_position']],
    ['leads_converted_by', ['converted_by', 'registered_position']],
    ['leads_deal', ['deal_id']],
    ['leads_accept_by', ['status', 'accept_by']],
  ] as const)
    await db.schema
      .createIndex(name)
      .on('leads')
      .columns([...columns])
      .execute();

  await db.schema
    .createTable('lead_assignments')
    .addColumn('lead_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('assigned_by', 'text', (c) => c.notNull())
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addColumn('accept_by', 'text', (c) => c.notNull())
    .addColumn('candidate_count', 'integer')
    .addColumn('excluded_count', 'integer')
    .addColumn('decided_by', 'text')
    .addColumn('reason', 'text')
    .addColumn('candidates', 'text')
    .addColumn('outcome', 'text')
    .addColumn('outcome_at', 'text')
    .addColumn('answer_seconds', 'bigint')
    .addColumn('outcome_reason', 'text')
    .addPrimaryKeyConstraint('lead_assignments_pk', ['lead_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('lead_assignments_partner')
    .on('lead_assignments')
    .columns(['partner_id', 'assigned_at'])
    .execute();
  // Medians of time to accept: the accepted offers of a period, read inside the index.
  await db.schema
    .createIndex('lead_assignments_outcome')
    .on('lead_assignments')
    .columns(['outcome', 'outcome_at', 'region', 'partner_id', 'answer_seconds'])
    .execute();

  await db.schema
    .createTable('lead_period_totals')
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('registered', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('assigned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('accepted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('declined', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lapsed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('converted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disqualified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('won', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lost', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('lead_period_totals_pk', ['period', 'region', 'partner_id'])
    .execute();
  await db.schema
    .createIndex('lead_period_totals_partner')
    .on('lead_period_totals')
    .columns(['partner_id', 'period'])
    .execute();

  await db.schema.alterTable('deals').addColumn('lead_id', 'text').execute();
};
