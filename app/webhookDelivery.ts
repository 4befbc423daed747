import { randomBytes } from 'node:crypto';
import type { CommandPipeline } from '../commands/pipeline/index.js';
import { defaultRetryPolicy } from '../commands/webhook/delivery/retryPolicy.js';
import {
  createWebhookDispatcher,
  type WebhookDeliverySettings,
  type WebhookDispatcher,
} from '../commands/webhook/delivery/webhookDispatcher.js';
import { webhookCommands } from '../commands/webhook/webhookCommands.js';
import type { IdGenerator } from '../domain/shared/index.js';
import type { EventStore } from '../eventstore/index.js';
import type { TransactionalSqlDb } from '../infra/sql/sqlDb.js';

export interface WebhookDelivery {
  /** Webhook signing, targets, timeouts and retries (the routes show secrets derived with the same key). */
  readonly webhookSettings: WebhookDeliverySettings;
  /** Delivers webhooks: one loop per active subscription, following the log. */
  readonly webhooks: WebhookDispatcher;
}

/**
 * Webhook delivery over a platform's log and database, SQLite's or a cluster's. Without a signing key
 * one is drawn for this process (tests, benchmarks): secrets then change with every start, so the server
 * always passes the one it keeps (its data directory, or the cluster's platform_secrets).
 */
export const webhookDelivery = (deps: {
  readonly store: EventStore;
  readonly db: TransactionalSqlDb;
  readonly pipeline: CommandPipeline;
  readonly ids: IdGenerator;
  readonly settings?: Partial<WebhookDeliverySettings>;
}): WebhookDelivery => {
  const webhookSettings: WebhookDeliverySettings = {
    signingKey: randomBytes(32).toString('base64url'),
    allowPrivate: false,
    timeoutMs: 10_000,
    retry: defaultRetryPolicy,
    ...deps.settings,
  };
  const webhooks = createWebhookDispatcher({
    store: deps.store,
    db: deps.db,
    commands: webhookCommands({ pipeline: deps.pipeline, ids: deps.ids, store: deps.store, ...webhookSettings }),
    settings: webhookSettings,
    // Wall-clock time, not the domain clock: receivers check webhook-timestamp against theirs, and
    // retries wait real time.
    now: () => new Date(),
  });
  return { webhookSettings, webhooks };
};
