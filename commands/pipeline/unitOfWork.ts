import * as E from 'fp-ts/lib/Either.js';
import type { Decider, DomainCommand, DomainError, DomainEvent } from '../../domain/shared/index.js';
import type { EventStore } from '../../eventstore/port.js';
import type { AggregateCache } from './aggregateCache.js';

export interface Loaded<S> {
  readonly state: S;
  readonly version: number;
}

interface Staged {
  readonly streamId: string;
  readonly events: DomainEvent[];
  readonly expected: number;
  readonly evolve: (state: unknown, event: DomainEvent) => unknown;
  readonly state: unknown;
}

type AnyDecider = Decider<DomainCommand, DomainEvent, unknown>;

/**
 * One attempt at a command: loads aggregates (from the cache, caught up from the stream), lets
 * deciders decide, and stages the resulting events; the pipeline appends them all at once with
 * the versions that were loaded as expectations.
 */
export const createUnitOfWork = (store: EventStore, cache: AggregateCache, now: Date) => {
  const staged = new Map<string, Staged>();
  const loaded = new Map<string, Loaded<unknown>>();

  const load = async <S>(decider: { initialState: S; evolve: (s: S, e: never) => S }, streamId: string): Promise<Loaded<S>> => {
    const seen = loaded.get(streamId);
    if (seen) return seen as Loaded<S>;
    const cached = cache.get(streamId) as Loaded<S> | undefined;
    let state = cached?.state ?? decider.initialState;
    let version = cached?.version ?? 0;
    const evolve = decider.evolve as (s: S, e: DomainEvent) => S;
    // A cached state is nearly always current: probing the version is much cheaper than reading an empty tail.
    if (!cached || (await store.streamVersion(streamId)) !== version) {
      for await (const event of store.readStream(streamId, { from: version + 1 })) {
        state = evolve(state, event);
        version = event.version;
      }
    }
    if (!cached || cached.version !== version) cache.set(streamId, { state, version });
    const result = { state, version };
    loaded.set(streamId, result);
    return result;
  };

  /** Loads the stream, runs the decider and stages its events; Left when a rule refuses. */
  const decide = async <C extends DomainCommand, Ev extends DomainEvent, S>(
    decider: Decider<C, Ev, S>,
    streamId: string,
    command: C,
  ): Promise<E.Either<DomainError, { state: S; version: number; events: readonly Ev[] }>> => {
    const current = await load(decider as unknown as { initialState: S; evolve: (s: S, e: never) => S }, streamId);
    const decided = decider.decide(command, current.state, now);
    if (E.isLeft(decided)) return decided;
    stage(decider as unknown as AnyDecider, streamId, decided.right);
    return E.right({ ...current, events: decided.right });
  };

  /** Stages events computed outside a decider (e.g. a reservation), expecting the loaded version. */
  const stage = (decider: AnyDecider, streamId: string, events: readonly DomainEvent[]) => {
    const current = loaded.get(streamId) ?? { state: decider.initialState, version: 0 };
    const previous = staged.get(streamId);
    staged.set(streamId, {
      streamId,
      events: [...(previous?.events ?? []), ...events],
      expected: current.version,
      evolve: decider.evolve as Staged['evolve'],
      state: current.state,
    });
  };

  return { now, load, decide, stage, staged: () => [...staged.values()], loadedVersion: (s: string) => loaded.get(s)?.version };
};

export type UnitOfWork = ReturnType<typeof createUnitOfWork>;
