import { integer, table, tablesOf, text } from '../../infra/sql/tables.js';

const byKind = { earned: integer(), adjusted: integer(), redeemed: integer(), expired: integer() };

/** Incentive points (migration 0201): the ledger, balances per partner and per person. */
export const pointsTables = tablesOf(
  table(
    'points_ledger',
    {
      position: integer(),
      event_id: text(),
      partner_id: text(),
      person_id: text().orNull(),
      kind: text(),
      points: integer(),
      reason: text().orNull(),
      source_event_id: text().orNull(),
      reward_id: text().orNull(),
      redeemed_from: text().orNull(),
      lot_at: text().orNull(),
      recorded_at: text(),
    },
    ['position'],
  ),
  table(
    'points_partners',
    {
      partner_id: text(),
      balance: integer(),
      shared_balance: integer(),
      ...byKind,
      version: integer(),
      updated_at: text(),
    },
    ['partner_id'],
  ),
  table('points_people', { partner_id: text(), person_id: text(), balance: integer(), ...byKind, updated_at: text() }, [
    'partner_id',
    'person_id',
  ]),
);
