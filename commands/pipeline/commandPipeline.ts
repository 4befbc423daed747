import * as E from 'fp-ts/lib/Either.js';
import type { Clock, DomainError } from '../../domain/shared/index.js';
import { isWrongExpectedVersion } from '../../eventstore/errors.js';
import type { EventStore, ExpectedVersion } from '../../eventstore/port.js';
import { createAggregateCache, type AggregateCache } from './aggregateCache.js';
import { PreconditionFailed, type CommandContext, type CommandResult } from './commandContext.js';
import { restartCommandScopedIds } from './commandScopedIds.js';
import { eventIdFor } from './eventIds.js';
import { createUnitOfWork, type Loaded, type UnitOfWork } from './unitOfWork.js';

/** What a command's work answers: the id of the thing it acted on and its stream. */
export interface Target {
  readonly id: string;
  readonly streamId: string;
}

export type CommandWork = (uow: UnitOfWork) => Promise<E.Either<DomainError, Target>>;

export interface CommandPipeline {
  readonly execute: (ctx: CommandContext, work: CommandWork) => Promise<E.Either<DomainError, CommandResult>>;
  readonly cache: AggregateCache;
  /**
   * An aggregate's current state outside any command, deciding nothing: for facts that never change
   * once recorded (a lead's region), which commands use to pick an in-process queue before they run.
   */
  readonly peek: <S>(
    decider: { initialState: S; evolve: (s: S, e: never) => S },
    streamId: string,
  ) => Promise<Loaded<S>>;
}

export interface CommandPipelineOptions {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly schemaVersionOf: (type: string) => number;
  readonly maxAttempts?: number;
  readonly cache?: AggregateCache;
}

/**
 * load -> decide -> append with the loaded versions as expectations; on a version conflict the
 * whole work runs again on fresh state, a bounded number of times. `If-Match` disables retry.
 */
export const createCommandPipeline = (options: CommandPipelineOptions): CommandPipeline => {
  const { store, clock } = options;
  const cache = options.cache ?? createAggregateCache();
  const maxAttempts = options.maxAttempts ?? 8;

  const execute = async (ctx: CommandContext, work: CommandWork): Promise<E.Either<DomainError, CommandResult>> => {
    const readAnyway = new Set<string>();
    for (let attempt = 1; ; attempt++) {
      restartCommandScopedIds();
      // With an Idempotency-Key the command id is stable across retries: load as the command first saw it.
      const expectation =
        ctx.expectedVersion !== undefined && ctx.expectedStreamId !== undefined
          ? { streamId: ctx.expectedStreamId, version: ctx.expectedVersion }
          : undefined;
      const uow = createUnitOfWork(
        store,
        cache,
        clock.now(),
        ctx.idempotencyKey ? ctx.commandId : undefined,
        expectation,
        readAnyway,
      );
      const outcome = await work(uow);
      if (E.isLeft(outcome)) return outcome;
      const target = outcome.right;
      const mainVersion = uow.loadedVersion(target.streamId) ?? 0;
      if (ctx.expectedVersion !== undefined && ctx.expectedVersion !== mainVersion)
        throw new PreconditionFailed(target.streamId, ctx.expectedVersion, mainVersion);
      const staged = uow.staged().filter((s) => s.events.length > 0);
      if (staged.length === 0) {
        return E.right({ ...target, version: mainVersion, position: await store.headPosition() });
      }
      const appends = staged.map((s) => ({
        streamId: s.streamId,
        expected: (s.expected === 0 ? 'no_stream' : s.expected) as ExpectedVersion,
        events: s.events.map((event, i) => ({
          eventId: eventIdFor(ctx.commandId, s.streamId, i),
          type: event.type,
          schemaVersion: options.schemaVersionOf(event.type),
          data: event.data,
          metadata: {
            actor: ctx.actor,
            commandId: ctx.commandId,
            correlationId: ctx.correlationId,
            ...(ctx.causationId ? { causationId: ctx.causationId } : {}),
            ...(ctx.idempotencyKey ? { idempotencyKey: ctx.idempotencyKey } : {}),
          },
        })),
      }));
      try {
        const results = await store.appendMany(appends);
        staged.forEach((s, i) => {
          if (uow.replaying) {
            cache.delete(s.streamId);
            return;
          }
          // A re-run command (same event ids) appends nothing and answers the original result: its
          // events are already in the loaded (and cached) state; evolving again would count them twice.
          if (results[i].nextVersion === s.expected + s.events.length)
            cache.set(s.streamId, { state: s.events.reduce(s.evolve, s.state), version: results[i].nextVersion });
        });
        const main = results.find((r) => r.streamId === target.streamId);
        const position = Math.max(...results.flatMap((r) => r.positions));
        return E.right({ ...target, version: main?.nextVersion ?? mainVersion, position });
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error;
        cache.delete(error.streamId);
        readAnyway.add(error.streamId);
        if (ctx.expectedVersion !== undefined && error.streamId === target.streamId)
          throw new PreconditionFailed(target.streamId, ctx.expectedVersion, error.actual);
        if (attempt >= maxAttempts) throw error;
        // Jitter so that colliding writers do not collide again in lockstep.
        await new Promise((r) => setTimeout(r, Math.random() * attempt * 2));
      }
    }
  };

  const peek: CommandPipeline['peek'] = (decider, streamId) =>
    createUnitOfWork(store, cache, clock.now()).load(decider, streamId);

  return { execute, cache, peek };
};
