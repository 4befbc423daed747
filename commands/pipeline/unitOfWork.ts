import * as E from 'fp-ts/lib/Either.js';
import type { Decider, DomainCommand, DomainError, DomainEvent } from '../../domain/shared/index.js';
import type { EventStore } from '../../eventstore/port.js';
import type { AggregateCache } from './aggregateCache.js';
import { PreconditionFailed } from './commandContext.js';

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
export interface Expectation {
  readonly streamId: string;
  readonly version: number;
}

/** How a stream is loaded (see `load`). */
export interface LoadOptions {
  /** This command has just made up the stream's id: it is empty. */
  readonly minted?: boolean;
  /**
   * The stream is nearly always new, though its id is not made up (a registration's email
   * reservation): unless cached, it is taken to be empty, and the rare one that exists is read by
   * the next attempt, after the append expecting no stream has failed.
   */
  readonly likelyNew?: boolean;
}

export const createUnitOfWork = (
  store: EventStore,
  cache: AggregateCache,
  clockNow: Date,
  replayOf?: string,
  expectation?: Expectation,
  /** Streams an earlier attempt of this command assumed empty and found taken: read them. */
  readAnyway: ReadonlySet<string> = new Set(),
) => {
  const staged = new Map<string, Staged>();
  const loaded = new Map<string, Loaded<unknown>>();
  // When this command already ran (a retry under the same Idempotency-Key after a crash), it is
  // decided again against the state and the instant it originally saw.
  let originalNow: Date | undefined;

  /** The stream up to (not including) the first event of command `replayOf`; the cache is bypassed. */
  const loadAsBefore = async <S>(
    decider: { initialState: S; evolve: (s: S, e: never) => S },
    streamId: string,
    commandId: string,
  ) => {
    const evolve = decider.evolve as (s: S, e: DomainEvent) => S;
    let state = decider.initialState;
    let version = 0;
    for await (const event of store.readStream(streamId)) {
      if (event.metadata.commandId === commandId) {
        originalNow ??= new Date(event.recordedAt);
        break;
      }
      state = evolve(state, event);
      version = event.version;
    }
    return { state, version };
  };

  /**
   * The stream's state and version. A stream whose id the command has just minted (a new person,
   * partner, deal) is empty by construction and is not read: its append expects no stream, so should
   * the id be taken after all, the append fails and the command's next attempt reads it. A replay
   * (Idempotency-Key) always reads: its minted ids are the ones it used the first time. A stream
   * `likelyNew` is taken to be empty the same way when the aggregate cache does not hold it.
   */
  const load = async <S>(
    decider: { initialState: S; evolve: (s: S, e: never) => S },
    streamId: string,
    options: LoadOptions = {},
  ): Promise<Loaded<S>> => {
    const seen = loaded.get(streamId);
    if (seen) return seen as Loaded<S>;
    const assumedEmpty = options.minted || (options.likelyNew && !cache.get(streamId));
    if (assumedEmpty && replayOf === undefined && !readAnyway.has(streamId)) {
      const empty = { state: decider.initialState, version: 0 };
      loaded.set(streamId, empty);
      return empty;
    }
    if (replayOf !== undefined) {
      const result = await loadAsBefore(decider, streamId, replayOf);
      loaded.set(streamId, result);
      return result;
    }
    const cached = cache.get(streamId) as Loaded<S> | undefined;
    let state = cached?.state ?? decider.initialState;
    let version = cached?.version ?? 0;
    const evolve = decider.evolve as (s: S, e: DomainEvent) => S;
    // A cached state is nearly always current: probing the version is much cheaper than reading an empty tail.
    if (!cached || (!cache.soleWriter && (await store.streamVersion(streamId)) !== version)) {
      for await (const event of store.readStream(streamId, { from: version + 1 })) {
        state = evolve(state, event);
        version = event.version;
      }
    }
    if (!cached || cached.version !== version) cache.set(streamId, { state, version });
    // A stale If-Match is a 412 whatever the command would have decided.
    if (expectation?.streamId === streamId && expectation.version !== version)
      throw new PreconditionFailed(streamId, expectation.version, version);
    const result = { state, version };
    loaded.set(streamId, result);
    return result;
  };

  /** Loads the stream, runs the decider and stages its events; Left when a rule refuses. */
  const decide = async <C extends DomainCommand, Ev extends DomainEvent, S>(
    decider: Decider<C, Ev, S>,
    streamId: string,
    command: C,
    options: LoadOptions = {},
  ): Promise<E.Either<DomainError, { state: S; version: number; events: readonly Ev[] }>> => {
    const current = await load(
      decider as unknown as { initialState: S; evolve: (s: S, e: never) => S },
      streamId,
      options,
    );
    const decided = decider.decide(command, current.state, originalNow ?? clockNow);
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

  return {
    /** The instant the command is decided at: now, or the original instant when it is replayed. */
    get now() {
      return originalNow ?? clockNow;
    },
    /** True when the loaded streams already hold this command's events (an idempotent replay). */
    get replaying() {
      return originalNow !== undefined;
    },
    load,
    decide,
    stage,
    staged: () => [...staged.values()],
    loadedVersion: (s: string) => loaded.get(s)?.version,
  };
};

export type UnitOfWork = ReturnType<typeof createUnitOfWork>;
