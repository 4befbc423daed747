import { integer, table, tablesOf, text } from '../../infra/sql/tables.js';

/** Joint business plans, partner locations and where employees work (migration 0801). */
export const planTables = tablesOf(
  table(
    'partner_plans',
    {
      plan_id: text(),
      partner_id: text(),
      period: text(),
      /** JSON `[{kind, target}]`. */
      objectives: text(),
      notes: text().orNull(),
      created_by: text(),
      created_at: text(),
      revised_at: text().orNull(),
      version: integer(),
    },
    ['plan_id'],
  ),
  table(
    'partner_locations',
    {
      location_id: text(),
      partner_id: text(),
      name: text(),
      country: text(),
      city: text(),
      is_primary: integer().withDefault(),
      status: text(),
      opened_at: text(),
      closed_at: text().orNull(),
      close_reason: text().orNull(),
    },
    ['location_id'],
  ),
  table('employee_locations', { person_id: text(), partner_id: text(), location_id: text(), named_at: text() }, [
    'person_id',
  ]),
);
