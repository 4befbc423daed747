import { bigint, integer, table, tablesOf, text } from '../../infra/sql/tables.js';

/** Webhook subscriptions and external references (migration 0600; README "Integrating"). */
export const integrationTables = tablesOf(
  table(
    'webhooks',
    {
      webhook_id: text(),
      url: text(),
      /** JSON array of event types, null for every event. */
      event_types: text().orNull(),
      description: text().orNull(),
      /** active, disabled, failing (disabled by the delivery after it gave up). */
      status: text(),
      secret_version: integer(),
      previous_secret_valid_until: text().orNull(),
      subscribed_at: text(),
      subscribed_by: text(),
      /** Deliveries start after this log position (the subscription's own event). */
      subscribed_position: bigint(),
      status_reason: text().orNull(),
      failed_position: bigint().orNull(),
      version: integer(),
      updated_at: text(),
    },
    ['webhook_id'],
  ),
  /** One row per (owner, system): the owner's id in that system; (owner_kind, system, external_id) is unique. */
  table(
    'external_refs',
    {
      owner_kind: text(),
      owner_id: text(),
      system: text(),
      external_id: text(),
      linked_at: text(),
      linked_by: text(),
    },
    ['owner_kind', 'owner_id', 'system'],
  ),
);
