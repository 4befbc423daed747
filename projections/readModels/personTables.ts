import { integer, json, table, tablesOf, text } from '../../infra/sql/tables.js';

/** People, their employment history, programs and certifications (migration 0011). */
export const personTables = tablesOf(
  table(
    'people',
    {
      person_id: text(),
      name: text(),
      email: text(),
      partner_id: text().orNull(),
      partner_role: text().orNull(),
      joined_at: text().orNull(),
      /** JSON `[{role, regions?}]`, sorted by role. */
      vendor_roles: json().withDefault(),
      registered_at: text(),
      version: integer(),
      updated_at: text(),
    },
    ['person_id'],
  ),
  table(
    'employments',
    {
      person_id: text(),
      partner_id: text(),
      role: text(),
      joined_at: text(),
      left_at: text().orNull(),
      leave_reason: text().orNull(),
      joined_position: integer(),
    },
    ['person_id', 'joined_position'],
  ),
  table(
    'programs',
    {
      program_id: text(),
      name: text(),
      product_line: text(),
      valid_for_days: integer(),
      points: integer(),
      status: text(),
      defined_at: text(),
      version: integer(),
    },
    ['program_id'],
  ),
  table(
    'certifications',
    {
      person_id: text(),
      program_id: text(),
      product_line: text(),
      earned_at: text(),
      expires_at: text(),
      renewed_at: text().orNull(),
      revoked_at: text().orNull(),
      revoke_reason: text().orNull(),
    },
    ['person_id', 'program_id'],
  ),
);
