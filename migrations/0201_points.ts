import type { Kysely } from 'kysely';

/** Read model: the incentive points ledger, balances per partner and per person. */
export const up = async (db: Kysely<unknown>) => {
  await db.schema
    .createTable('points_ledger')
    .addColumn('position', 'integer', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('source_event_id', 'text')
    .addColumn('reward_id', 'text')
    .addColumn('redeemed_from', 'text')
    .addColumn('lot_at', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('points_ledger_partner')
    .on('points_ledger')
    .columns(['partner_id', 'position'])
    .execute();
  await db.schema.createIndex('points_ledger_person').on('points_ledger').columns(['person_id', 'position']).execute();
  await db.schema
    .createTable('points_partners')
    .addColumn('partner_id', 'text', (c) => c.primaryKey())
    .addColumn('balance', 'integer', (c) => c.notNull())
    .addColumn('shared_balance', 'integer', (c) => c.notNull())
    .addColumn('earned', 'integer', (c) => c.notNull())
    .addColumn('adjusted', 'integer', (c) => c.notNull())
    .addColumn('redeemed', 'integer', (c) => c.notNull())
    .addColumn('expired', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('points_people')
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('balance', 'integer', (c) => c.notNull())
    .addColumn('earned', 'integer', (c) => c.notNull())
    .addColumn('adjusted', 'integer', (c) => c.notNull())
    .addColumn('redeemed', 'integer', (c) => c.notNull())
    .addColumn('expired', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('points_people_pk', ['partner_id', 'person_id'])
    .execute();
  await db.schema.createIndex('points_people_person').on('points_people').column('person_id').execute();
};
