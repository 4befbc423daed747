import { integer, table, tablesOf, text } from './tables.js';

/**
 * The plumbing tables next to the read models (migrations 0002, 0202, 0500): where each projection and
 * each policy stands in the log, stored answers of idempotent commands, and who used the audit API.
 */
export const platformTables = tablesOf(
  table('projection_checkpoints', { name: text(), position: integer(), updated_at: text() }, ['name']),
  table('policy_checkpoints', { name: text(), position: integer(), updated_at: text() }, ['name']),
  table(
    'idempotency_keys',
    { scope_key: text(), request_hash: text(), status_code: integer(), body: text(), created_at: text() },
    ['scope_key'],
  ),
  table(
    'audit_access_log',
    {
      id: integer(),
      at: text(),
      actor_kind: text(),
      actor_id: text(),
      method: text(),
      route: text(),
      url: text(),
      status: integer(),
      /** Identity (migration 0900): `sign_in`, `sign_in_refused`, `link_issued`, `token_issued`; null otherwise. */
      event: text().orNull(),
      /** The OAuth client a sign-in or token was for. */
      client_id: text().orNull(),
      /** The caller's IP address. */
      address: text().orNull(),
    },
    ['id'],
  ),
);
