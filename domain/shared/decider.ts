import type { Either } from 'fp-ts/lib/Either.js';
import type { DomainError } from './domainError.js';

/** An event as the domain sees it: its type and body; the envelope belongs to the event store. */
export interface DomainEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}

/** A command as the domain sees it. */
export interface DomainCommand<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}

/**
 * The decider pattern: everything an aggregate knows, with no I/O, clock or randomness.
 * `now` and new ids arrive inside the command or as an argument.
 */
export interface Decider<C extends DomainCommand, E extends DomainEvent, S> {
  readonly initialState: S;
  readonly evolve: (state: S, event: E) => S;
  readonly decide: (command: C, state: S, now: Date) => Either<DomainError, readonly E[]>;
}

/** Folds events into state with a decider's evolve (replay). */
export const replay = <E extends DomainEvent, S>(
  decider: Pick<Decider<DomainCommand, E, S>, 'initialState' | 'evolve'>,
  events: Iterable<E>,
): S => {
  let state = decider.initialState;
  for (const event of events) state = decider.evolve(state, event);
  return state;
};
