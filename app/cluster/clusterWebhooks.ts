import type { CommandPipeline } from '../../commands/pipeline/index.js';
import type { WebhookDeliverySettings, WebhookDispatcher } from '../../commands/webhook/delivery/webhookDispatcher.js';
import type { IdGenerator } from '../../domain/shared/index.js';
import type { EventStore } from '../../eventstore/index.js';
import { createLease } from '../../infra/cluster/lease.js';
import type { PgSession } from '../../infra/cluster/pgSession.js';
import type { TransactionalSqlDb } from '../../infra/sql/sqlDb.js';
import { loadOrCreateSharedSecret } from '../secrets.js';
import { webhookDelivery, type WebhookDelivery } from '../webhookDelivery.js';

/**
 * Webhook delivery as a cluster runs it: on the node holding the `webhooks` lease only, signing with
 * the cluster's key (`platform_secrets`, unless given). A dispatcher is not restarted once stopped:
 * each time the lease is taken a fresh one resumes from the checkpoints whoever delivered before stored.
 */
export const clusterWebhooks = async (deps: {
  readonly store: EventStore;
  readonly db: TransactionalSqlDb;
  readonly session: PgSession;
  readonly pipeline: CommandPipeline;
  readonly ids: IdGenerator;
  readonly settings?: Partial<WebhookDeliverySettings>;
  readonly leaseRetryMs?: number;
  readonly onError: (error: unknown) => void;
}): Promise<WebhookDelivery & { readonly holds: () => boolean }> => {
  const signingKey = deps.settings?.signingKey ?? (await loadOrCreateSharedSecret(deps.db, 'webhook.key')).value;
  const settings = { ...deps.settings, signingKey };
  const deliveryOf = () => webhookDelivery({ ...deps, settings });
  let delivery = deliveryOf();
  const lease = createLease(deps.session, 'webhooks', { retryMs: deps.leaseRetryMs });
  // Lease changes are applied one after the other: a stop always finishes before the next start.
  let changes = Promise.resolve();
  lease.onChange((held) => {
    changes = changes
      .then(async () => {
        await delivery.webhooks.stop();
        if (!held) return;
        delivery = deliveryOf();
        await delivery.webhooks.start();
      })
      .catch(deps.onError);
  });
  const webhooks: WebhookDispatcher = {
    start: () => lease.start(),
    waitFor: (position) => delivery.webhooks.waitFor(position),
    stop: async () => {
      await lease.stop();
      await changes;
      await delivery.webhooks.stop();
    },
  };
  return { webhookSettings: delivery.webhookSettings, webhooks, holds: lease.held };
};
