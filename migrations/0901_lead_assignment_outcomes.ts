import type { Kysely } from 'kysely';

/**
 * Read model index: a lead's offers by outcome and when, so that "when was it last declined / let lapse"
 * (`analytics_leads`) is one seek per lead inside the index instead of reading every offer's row, whose
 * routing candidates (JSON) spill onto overflow pages: 70 ms a column for 10,000 leads on the seed.
 */
export const up = async (db: Kysely<unknown>) => {
  await db.schema
    .createIndex('lead_assignments_lead_outcome')
    .on('lead_assignments')
    .columns(['lead_id', 'outcome', 'outcome_at'])
    .execute();
};
