import * as E from 'fp-ts/lib/Either.js';
import { systemPrincipal } from '../../../domain/access/index.js';
import {
  webhookDecider,
  webhookEventTypes,
  type WebhookEvent,
  type WebhookState,
} from '../../../domain/webhook/index.js';
import type { EventStore, StoredEvent } from '../../../eventstore/port.js';
import { createCatchUpLoop } from '../../../infra/follow/catchUpLoop.js';
import { createLogTail } from '../../../infra/follow/logTail.js';
import type { TransactionalSqlDb } from '../../../infra/sql/sqlDb.js';
import { derivedId } from '../../pipeline/index.js';
import type { WebhookCommands } from '../webhookCommands.js';
import { webhookSecret } from '../webhookSecrets.js';
import { createDeliveryLedger } from './deliveryLedger.js';
import { createDeliveryLoop, type DeliveryLoop, type Subscription } from './deliveryLoop.js';
import type { RetryPolicy } from './retryPolicy.js';
import { createWebhookSender } from './webhookSender.js';

export interface WebhookDeliverySettings {
  /** The key every subscription's signing secret derives from. */
  readonly signingKey: string;
  /** PRM_WEBHOOKS_ALLOW_PRIVATE: private, loopback and link-local targets (and plain http) allowed. */
  readonly allowPrivate: boolean;
  /** Per attempt, the whole exchange. */
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
}

export interface WebhookDispatcherDeps {
  readonly store: EventStore;
  readonly db: TransactionalSqlDb;
  readonly commands: Pick<WebhookCommands, 'markFailing'>;
  readonly settings: WebhookDeliverySettings;
  readonly now: () => Date;
  readonly onError?: (webhookId: string, error: unknown) => void;
  readonly pollMs?: number;
}

interface Known {
  state: WebhookState;
  subscribedPosition: number;
  loop?: DeliveryLoop;
}

const SYSTEM = systemPrincipal('webhook-delivery');

/**
 * The outbound side of webhooks: follows the subscriptions' own events in the log (subscribed,
 * disabled, enabled, rotated, replay requested, marked failing) and keeps exactly one delivery loop
 * running per active subscription. Its state is the log's: a restart reads the same events again and
 * resumes every loop from its stored checkpoint.
 */
export const createWebhookDispatcher = (deps: WebhookDispatcherDeps) => {
  const { store, settings } = deps;
  const onError =
    deps.onError ?? ((id, error) => console.error(`webhook ${id}: delivery failed; it resumes by itself`, error));
  const ledger = createDeliveryLedger(deps.db, deps.now);
  const tail = createLogTail(store, { pollMs: deps.pollMs ?? 250 });
  const known = new Map<string, Known>();
  let seen = 0;

  const subscriptionOf = (id: string, k: Known): Subscription => ({
    webhookId: id,
    url: k.state.url ?? '',
    ...(k.state.eventTypes ? { eventTypes: k.state.eventTypes } : {}),
    subscribedPosition: k.subscribedPosition,
    secrets: () => {
      const { secretVersion, previousSecret } = known.get(id)?.state ?? k.state;
      const current = webhookSecret(settings.signingKey, id, secretVersion);
      return previousSecret && Date.parse(previousSecret.validUntil) > deps.now().getTime()
        ? [current, webhookSecret(settings.signingKey, id, previousSecret.version)]
        : [current];
    },
  });

  const startLoop = (id: string, k: Known) => {
    const sender = createWebhookSender({ allowPrivate: settings.allowPrivate, timeoutMs: settings.timeoutMs });
    const loop = createDeliveryLoop({
      subscription: () => subscriptionOf(id, known.get(id) ?? k),
      store,
      ledger,
      sender,
      tail,
      retry: settings.retry,
      now: deps.now,
      onError: (error) => onError(id, error),
      giveUp: async (failure) => {
        const outcome = await deps.commands.markFailing(
          {
            actor: { kind: 'system', id: 'webhook-delivery' },
            commandId: derivedId('cmd', `webhook-failing/${id}/${failure.position}/${failure.failingSince}`),
            correlationId: failure.eventId,
          },
          SYSTEM,
          { webhookId: id, ...failure },
        );
        if (E.isLeft(outcome) && outcome.left.code !== 'invalid_state')
          onError(id, new Error(`marking the webhook failing was refused: ${outcome.left.message}`));
      },
    });
    const stop = loop.stop;
    k.loop = {
      ...loop,
      stop: async () => {
        await stop();
        sender.close();
      },
    };
    loop.start();
  };

  const apply = async (event: StoredEvent) => {
    const id = event.streamId.slice('webhook-'.length);
    const k = known.get(id) ?? { state: webhookDecider.initialState, subscribedPosition: event.position };
    k.state = webhookDecider.evolve(k.state, event as unknown as WebhookEvent);
    known.set(id, k);
    if (event.type !== 'WebhookReplayRequested') return;
    const { fromPosition } = event.data as { fromPosition: number };
    // A running loop applies it between two events; otherwise it is stored now, for when it runs.
    if (k.loop) k.loop.replay(fromPosition, event.position);
    else await ledger.replay(id, fromPosition, event.position, k.subscribedPosition);
  };

  const reconcile = async () => {
    for (const [id, k] of known) {
      const active = k.state.status === 'active';
      if (active && !k.loop) startLoop(id, k);
      else if (!active && k.loop) {
        const { loop } = k;
        k.loop = undefined;
        await loop.stop();
      }
    }
  };

  const follower = createCatchUpLoop({
    store,
    pollMs: deps.pollMs ?? 1000,
    reached: () => seen,
    run: async () => {
      try {
        const head = await store.headPosition();
        for await (const event of store.readAll({ after: seen, filter: { types: webhookEventTypes } })) {
          await apply(event);
          seen = event.position;
        }
        seen = Math.max(seen, head);
        await reconcile();
        return undefined;
      } catch (error) {
        onError('*', error);
        return error;
      }
    },
  });

  return {
    start: async () => {
      await follower.start();
    },
    /** Resolves once the dispatcher has taken every subscription event up to `position` into account. */
    waitFor: (position: number) => follower.waitFor(position),
    stop: async () => {
      await follower.stop();
      follower.release();
      await Promise.all([...known.values()].map((k) => k.loop?.stop()));
      for (const k of known.values()) k.loop = undefined;
      tail.close();
    },
  };
};
export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;
