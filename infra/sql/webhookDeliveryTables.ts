import { bigint, integer, table, tablesOf, text } from './tables.js';

/**
 * Webhook delivery state (migration 0600): operational, not a read model. It is not derived from the
 * log and a rebuild never touches it: where each subscription stands (`position`, the last event
 * acknowledged with a 2xx or skipped by its type filter), the event it is retrying, and every attempt.
 */
export const webhookDeliveryTables = tablesOf(
  table(
    'webhook_checkpoints',
    {
      webhook_id: text(),
      position: bigint(),
      /** Log position of the last replay request applied (each applies once, also across restarts). */
      replay_applied: bigint(),
      /** The last `seq` of this webhook's rows in webhook_deliveries. */
      last_seq: bigint(),
      /** The event being retried, its failed attempts, since when, and when the next attempt is due. */
      pending_position: bigint().orNull(),
      attempts: integer(),
      failing_since: text().orNull(),
      next_attempt_at: text().orNull(),
      updated_at: text(),
    },
    ['webhook_id'],
  ),
  table(
    'webhook_deliveries',
    {
      webhook_id: text(),
      seq: bigint(),
      position: bigint(),
      event_id: text(),
      event_type: text(),
      /** 1 for the first try of the event (again 1 when replayed), then 2, 3, … */
      attempt: integer(),
      status_code: integer().orNull(),
      error: text().orNull(),
      duration_ms: integer(),
      attempted_at: text(),
      /** When the next attempt is due after a failure; null once acknowledged or given up. */
      next_retry_at: text().orNull(),
    },
    ['webhook_id', 'seq'],
  ),
);
