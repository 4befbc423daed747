import { integer, table, tablesOf, text } from '../../infra/sql/tables.js';

/**
 * API clients and the digests of their keys (migration 0600): a key is valid while its client is
 * active and `valid_until` is null or later than now.
 */
export const apiClientTables = tablesOf(
  table(
    'api_clients',
    {
      client_id: text(),
      name: text(),
      roles: text(),
      regions: text().orNull(),
      status: text(),
      created_at: text(),
      created_by: text(),
      rotated_at: text().orNull(),
      revoked_at: text().orNull(),
      version: integer(),
    },
    ['client_id'],
  ),
  table(
    'api_client_keys',
    { key_hash: text(), client_id: text(), key_prefix: text(), created_at: text(), valid_until: text().orNull() },
    ['key_hash'],
  ),
);
