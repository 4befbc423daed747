import type { Kysely } from 'kysely';

/**
 * The integration hub (DESIGN §11): the webhooks read model and external references (projected from
 * the log), and webhook delivery state (operational: checkpoints and attempts). Portable SQL only.
 */
export const up = async (db: Kysely<unknown>) => {
  await db.schema
    .createTable('webhooks')
    .addColumn('webhook_id', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('event_types', 'text')
    .addColumn('description', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('secret_version', 'integer', (c) => c.notNull())
    .addColumn('previous_secret_valid_until', 'text')
    .addColumn('subscribed_at', 'text', (c) => c.notNull())
    .addColumn('subscribed_by', 'text', (c) => c.notNull())
    .addColumn('subscribed_position', 'bigint', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('failed_position', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('external_refs')
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('system', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addColumn('linked_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('external_refs_pk', ['owner_kind', 'owner_id', 'system'])
    .execute();
  await db.schema
    .createIndex('external_refs_lookup')
    .on('external_refs')
    .columns(['owner_kind', 'system', 'external_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('webhook_checkpoints')
    .addColumn('webhook_id', 'text', (c) => c.primaryKey())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('replay_applied', 'bigint', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addColumn('pending_position', 'bigint')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('failing_since', 'text')
    .addColumn('next_attempt_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('webhook_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('error', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('attempted_at', 'text', (c) => c.notNull())
    .addColumn('next_retry_at', 'text')
    .addPrimaryKeyConstraint('webhook_deliveries_pk', ['webhook_id', 'seq'])
    .execute();
};
