import * as E from 'fp-ts/lib/Either.js';
import type { z } from 'zod';
import { mayManageWebhooks, type Caller } from '../../domain/access/index.js';
import { domainError, type IdGenerator } from '../../domain/shared/index.js';
import { webhookDecider, webhookStream, type WebhookCommand, type WebhookEvent } from '../../domain/webhook/index.js';
import type { EventStore } from '../../eventstore/port.js';
import { forbidden } from '../auth/refusals.js';
import type { CommandContext, CommandOutcome, CommandPipeline, CommandResult } from '../pipeline/index.js';
import { targetRefusal } from './targetGuard.js';
import { webhookSecret } from './webhookSecrets.js';
import type * as S from './webhookSchemas.js';

export interface WebhookCommandDeps {
  readonly pipeline: CommandPipeline;
  readonly ids: IdGenerator;
  readonly store: Pick<EventStore, 'headPosition' | 'readStream'>;
  /** The server's key every subscription's secret derives from. */
  readonly signingKey: string;
  readonly allowPrivate: boolean;
}

/** A command answer that shows a secret once (subscribe, rotate). */
export type WithSecret = CommandResult & { readonly secret: string };

/**
 * Webhook subscriptions, independent of HTTP: vendor admins subscribe, disable, enable, rotate the
 * secret and replay; the delivery loop (the system) marks a subscription failing when it gives up.
 */
export const webhookCommands = (deps: WebhookCommandDeps) => {
  const { pipeline, ids } = deps;
  const secretOf = (id: string, version: number) => webhookSecret(deps.signingKey, id, version);

  const onWebhook = (
    ctx: CommandContext,
    principal: Caller,
    webhookId: string,
    toCommand: () => Promise<WebhookCommand> | WebhookCommand,
  ): CommandOutcome =>
    pipeline.execute(ctx, async (uow) => {
      if (!mayManageWebhooks(principal)) return forbidden('only vendor admins manage webhooks');
      const streamId = webhookStream(webhookId);
      const decided = await uow.decide(webhookDecider, streamId, await toCommand());
      return E.map(() => ({ id: webhookId, streamId }))(decided);
    });

  return {
    subscribe: async (
      ctx: CommandContext,
      principal: Caller,
      body: z.infer<typeof S.SubscribeWebhookBody>,
    ): Promise<E.Either<ReturnType<typeof domainError>, WithSecret>> => {
      if (!mayManageWebhooks(principal)) return forbidden('only vendor admins subscribe webhooks');
      const refused = await targetRefusal(body.url, deps.allowPrivate);
      if (refused)
        return E.left(
          domainError('validation_failed', `the webhook URL is refused: ${refused}`, {
            errors: [{ path: 'url', message: refused }],
          }),
        );
      const outcome = await pipeline.execute(ctx, async (uow) => {
        const webhookId = ids.next('webhook');
        const streamId = webhookStream(webhookId);
        const decided = await uow.decide(webhookDecider, streamId, {
          type: 'Subscribe',
          data: { webhookId, ...body },
        });
        return E.map(() => ({ id: webhookId, streamId }))(decided);
      });
      return E.map((r: CommandResult) => ({ ...r, secret: secretOf(r.id, 1) }))(outcome);
    },
    disable: (ctx: CommandContext, p: Caller, input: { webhookId: string; reason?: string }) =>
      onWebhook(ctx, p, input.webhookId, () => ({
        type: 'Disable',
        data: input.reason ? { reason: input.reason } : {},
      })),
    enable: (ctx: CommandContext, p: Caller, input: { webhookId: string }) =>
      onWebhook(ctx, p, input.webhookId, () => ({ type: 'Enable', data: {} })),
    rotateSecret: async (
      ctx: CommandContext,
      p: Caller,
      input: { webhookId: string; previousSecretValidForSeconds: number },
    ): Promise<E.Either<ReturnType<typeof domainError>, WithSecret>> => {
      const outcome = await onWebhook(ctx, p, input.webhookId, () => ({
        type: 'RotateSecret',
        data: { previousValidForSeconds: input.previousSecretValidForSeconds },
      }));
      if (E.isLeft(outcome)) return outcome;
      // The rotation's own event holds the new version: read it back rather than guess under concurrency.
      const version = await secretVersionAt(deps.store, outcome.right);
      return E.right({ ...outcome.right, secret: secretOf(input.webhookId, version) });
    },
    replay: (ctx: CommandContext, p: Caller, input: { webhookId: string; fromPosition: number }) =>
      onWebhook(ctx, p, input.webhookId, async () => ({
        type: 'RequestReplay',
        data: { fromPosition: input.fromPosition, headPosition: await deps.store.headPosition() },
      })),
    /** The delivery loop's command: it gave up on an event; the subscription stops until enabled. */
    markFailing: (ctx: CommandContext, p: Caller, input: { webhookId: string } & WebhookFailure) =>
      onWebhook(ctx, p, input.webhookId, () => {
        const { webhookId: _, ...data } = input;
        return { type: 'MarkFailing', data };
      }),
  };
};
export type WebhookCommands = ReturnType<typeof webhookCommands>;

export interface WebhookFailure {
  readonly position: number;
  readonly eventId: string;
  readonly attempts: number;
  readonly failingSince: string;
  readonly lastError: string;
}

/** The secret version the webhook's stream holds at `result.version` (the rotation just appended). */
const secretVersionAt = async (store: WebhookCommandDeps['store'], result: CommandResult): Promise<number> => {
  let state = webhookDecider.initialState;
  for await (const event of store.readStream(result.streamId, { to: result.version }))
    state = webhookDecider.evolve(state, event as unknown as WebhookEvent);
  return state.secretVersion;
};
